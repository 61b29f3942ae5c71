using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sentinel.Core.Feedback;

namespace Sentinel.Benchmarks;

/// <summary>
/// Time and managed allocations of one window-statistics call over 100k and 1M stored documents. The store is
/// loaded once per case in the global setup; allocations per call must not grow with the document count.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class WindowStatisticsBenchmarks
{
    private LoadedStore? _loaded;

    [Params(100_000, 1_000_000)]
    public int Documents { get; set; }

    [Params(StoreKind.Sqlite, StoreKind.CongoDb)]
    public StoreKind Store { get; set; }

    [GlobalSetup]
    public void Setup() => _loaded = LoadedStore.CreateAsync(Store, Documents).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _loaded?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<FeedbackStatistics> WindowStatistics() => _loaded!.WindowStatisticsAsync();
}
