// Generated code vs hand-written baseline vs interpreter. Run:
//   dotnet run -c Release --project benchmarks/Gen.Benchmarks -- --filter '*' --job short
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Gen.Benchmarks.LineBenchmarks).Assembly).Run(args);
