using BenchmarkDotNet.Running;
using Sentinel.Benchmarks;

// `footprint …` measures working set in one process; anything else goes to BenchmarkDotNet (see bench/README.md).
if (args is ["footprint", .. var rest]) return await Footprint.RunAsync(rest);
BenchmarkSwitcher.FromAssembly(typeof(WindowStatisticsBenchmarks).Assembly).Run(args);
return 0;
