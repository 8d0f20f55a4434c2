#!/usr/bin/env bash
# Packs what device-run.sh needs into .devrun/pkg.tar.xz (about 40 MB; .devrun is ignored): the .NET runtime this
# machine's SDK runs on, the GPU benchmark and the GPU tests, built in Release. Run from the repository root.
set -eu
dotnet build benchmarks/Gen.Benchmarks.Gpu -c Release -v q -nologo
dotnet build tests/Gen.Runtime.Gpu.Tests -c Release -v q -nologo
root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$root"/shared/Microsoft.NETCore.App/* | sort -V | tail -1)
rm -rf .devrun && mkdir -p .devrun/pkg/dotnet/shared/Microsoft.NETCore.App .devrun/pkg/bench .devrun/pkg/tests
cp -a "$root/dotnet" "$root/host" .devrun/pkg/dotnet/
cp -a "$runtime" .devrun/pkg/dotnet/shared/Microsoft.NETCore.App/
(cd benchmarks/Gen.Benchmarks.Gpu/bin/Release/net10.0 && tar cf - --exclude=linux-x64 .) | (cd .devrun/pkg/bench && tar xf -)
cp -a tests/Gen.Runtime.Gpu.Tests/bin/Release/net10.0/. .devrun/pkg/tests/
(cd .devrun && tar cf - pkg | xz -T0 -6 > pkg.tar.xz && rm -rf pkg)
ls -la .devrun/pkg.tar.xz
