#!/usr/bin/env bash
# The CUDA figures in one call, on a GPU machine that has no .NET SDK and no network (this workplace's lent device):
# pack.sh (run first, here) puts the .NET runtime, this benchmark and the GPU tests into .devrun/pkg.tar.xz; this
# script unpacks them there and runs, each under a time limit, logs under $OUT:
#   ptx     the curve kernel through ptxas for sm_90 (registers, spills, fused multiply-adds)
#   math    the samplers' functions on CUDA against the host, bit for bit (DeviceMathTests)
#   ncu     the curve kernel of one 10^6-particle call under Nsight Compute
#   curve   ImportanceK of the curve model, 10^4 … 10^8 particles (the CPU batch path up to 10^7), beside WriteFloor
#   tests   the GPU tests with every device fixture on CUDA (DeviceRun --cuda): CUDA's particles = the CPU's, bit for bit
#   calls   the curve model with a traced call per point
#   filter  the bootstrap particle filter
set -u
OUT=${OUT:-/tmp/gen-device-out}
mkdir -p "$OUT"
(cd .devrun && tar xJf pkg.tar.xz) || exit 1
D=$PWD/.devrun/pkg
export DOTNET_ROOT=$D/dotnet PATH=$D/dotnet:$PATH DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/nvidia/lib:${LD_LIBRARY_PATH:-}
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.mem --format=csv | tee "$OUT/smi.txt"
run() {
    local name=$1 limit=$2
    shift 2
    echo "== $name"
    timeout "$limit" dotnet "$@" > "$OUT/$name.txt" 2>&1
    echo "rc=$?" >> "$OUT/$name.txt"
    tail -c 1800 "$OUT/$name.txt"
}
# The curve kernel's PTX through ptxas for this GPU: registers, spills, and whether any multiply-add was fused (DFMA).
dotnet "$D/bench/Gen.Benchmarks.Gpu.dll" --ptx > "$OUT/curve.ptx"
PTXAS=$(command -v ptxas || ls /usr/local/cuda*/bin/ptxas 2>/dev/null | head -1)
if [ -n "$PTXAS" ]; then
    "$PTXAS" -arch=sm_90 -v "$OUT/curve.ptx" -o /tmp/curve.cubin 2>&1 | tail -2
    CUOBJDUMP=$(command -v cuobjdump || echo "$(dirname "$PTXAS")/cuobjdump")
    "$CUOBJDUMP" --dump-sass /tmp/curve.cubin | grep -oE "\b(DFMA|DMUL|DADD|FFMA|MUFU[.A-Z0-9]*)\b" | sort | uniq -c | tr '\n' ' '
    echo
fi
run math 60 "$D/tests/Gen.Runtime.Gpu.Tests.dll" --cuda --where-class DeviceMathTests
# The kernel of one 10^6-particle call under Nsight Compute (the warm-up's launch skipped): time, registers, occupancy,
# throughput against the chip's peaks. ncu replays the kernel once per section set; --clock-control none leaves the clocks.
if command -v ncu > /dev/null; then
    echo "== ncu"
    timeout "${NCU_S:-120}" ncu --clock-control none -k regex:Kernel_Run --launch-skip 1 --launch-count 1 \
        --section SpeedOfLight --section LaunchStats --section Occupancy --section ComputeWorkloadAnalysis --section MemoryWorkloadAnalysis \
        dotnet "$D/bench/Gen.Benchmarks.Gpu.dll" --once 1000000 > "$OUT/ncu.txt" 2>&1
    echo "rc=$?" >> "$OUT/ncu.txt"
    grep -E "Duration|Registers Per|Achieved Occupancy|Theoretical Occupancy|Memory Throughput|Compute \(SM\)|Local|Block Size|Grid Size|one call|rc=" "$OUT/ncu.txt" | head -30
fi
run curve "${CURVE_S:-140}" "$D/bench/Gen.Benchmarks.Gpu.dll" --max "${CURVE_MAX:-100000000}" --cpu-max 10000000 --runs 3
run tests "${TESTS_S:-170}" "$D/tests/Gen.Runtime.Gpu.Tests.dll" --cuda
run calls "${CALLS_S:-70}" "$D/bench/Gen.Benchmarks.Gpu.dll" --calls --max 10000000 --runs 3
run filter "${FILTER_S:-80}" "$D/bench/Gen.Benchmarks.Gpu.dll" --filter --max 100000 --runs 3
