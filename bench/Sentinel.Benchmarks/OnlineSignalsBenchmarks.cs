using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;

namespace Sentinel.Benchmarks;

/// <summary>
/// The aggregation cost of the online signals held in memory: every signal but input drift over 1,000,000
/// predictions and 100,000 labelled feedback records, and the MMD permutation test (100 permutations) on
/// 2,000 reference × 2,000 recent 1,000-dimensional sparse feature vectors, with its kernel matrix on its own.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OnlineSignalsBenchmarks
{
    private OnlineObservations? _window;
    private SparseVector[] _reference = [];
    private SparseVector[] _recent = [];

    [GlobalSetup]
    public void Setup()
    {
        _window = OnlineWindowGenerator.Window(predictions: 1_000_000, labelled: 100_000);
        _reference = OnlineWindowGenerator.Features(2000, complaintShare: 0.3, seed: 1);
        _recent = OnlineWindowGenerator.Features(2000, complaintShare: 0.4, seed: 2);
    }

    [Benchmark(Description = "all signals but MMD, 1M predictions + 100k labelled")]
    public OnlineQualitySignals AllSignals() => OnlineSignalCalculator.Compute(_window!, OnlineQualityThresholds.Default, OnlineWindowGenerator.Now);

    [Benchmark(Description = "RBF kernel matrix, 4,000 pooled sparse vectors")]
    public RbfKernelMatrix KernelMatrix() => RbfKernelMatrix.Build([.. _reference, .. _recent]);

    [Benchmark(Description = "MMD permutation test, 2,000 x 2,000, 100 permutations")]
    public MmdTestResult? MmdTest() => MmdPermutationTest.Run(_reference, _recent, permutations: 100, seed: 7);
}
