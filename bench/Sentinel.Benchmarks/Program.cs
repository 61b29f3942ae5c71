using BenchmarkDotNet.Running;
using Sentinel.Benchmarks;

// `footprint …`, `drift-footprint …` and `mmd-effect …` measure working set in one process; anything else goes to BenchmarkDotNet (see bench/README.md).
if (args is ["footprint", .. var rest]) return await Footprint.RunAsync(rest);
if (args is ["drift-footprint", .. var driftArgs]) return DriftFootprint.Run(driftArgs);
if (args is ["mmd-effect", .. var effectArgs]) return MmdEffectSizes.Run(effectArgs);
BenchmarkSwitcher.FromAssembly(typeof(WindowStatisticsBenchmarks).Assembly).Run(args);
return 0;
