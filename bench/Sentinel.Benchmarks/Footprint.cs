using System.Diagnostics;
using System.Globalization;

namespace Sentinel.Benchmarks;

/// <summary>
/// <c>footprint --store sqlite|congodb --documents N [--calls C]</c>: loads N documents, then runs C window-statistics
/// calls and prints the time per call, managed bytes allocated per call and this process's peak working set
/// during the calls (and over the whole run, loading included).
/// </summary>
internal static class Footprint
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = Enum.Parse<StoreKind>(Option(args, "--store", "sqlite"), ignoreCase: true);
        var documents = int.Parse(Option(args, "--documents", "1000000"), CultureInfo.InvariantCulture);
        var calls = int.Parse(Option(args, "--calls", "10"), CultureInfo.InvariantCulture);
        var self = Environment.ProcessId;

        var load = Stopwatch.StartNew();
        await using var loaded = await LoadedStore.CreateAsync(store, documents);
        load.Stop();
        var statistics = await loaded.WindowStatisticsAsync();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var peakWithLoad = ProcessMemory.PeakBytes(self);
        var reset = ProcessMemory.TryResetPeak();
        var residentBeforeCalls = ProcessMemory.CurrentBytes(self);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) statistics = await loaded.WindowStatisticsAsync();
        timer.Stop();
        var allocatedPerCall = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / calls;
        var peakDuringCalls = ProcessMemory.PeakBytes(self);

        // What the process allocates while idle (driver monitoring, timers): part of any per-call figure that lasts seconds.
        var idleBefore = GC.GetTotalAllocatedBytes(precise: true);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idlePerSecond = (GC.GetTotalAllocatedBytes(precise: true) - idleBefore) / 10;

        var peakNote = reset ? "" : " (peak not reset)";
        var serverRss = loaded.ServerProcessId is { } server ? $" server_rss_mb={Mb(ProcessMemory.CurrentBytes(server))}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"store={store} documents={documents} load_s={load.Elapsed.TotalSeconds:F1} calls={calls} ms_per_call={timer.Elapsed.TotalMilliseconds / calls:F1} allocated_bytes_per_call={allocatedPerCall} rss_mb_before_calls={Mb(residentBeforeCalls)} peak_working_set_mb_calls={Mb(peakDuringCalls)}{peakNote} peak_working_set_mb_run={Mb(Math.Max(peakWithLoad, peakDuringCalls))} managed_heap_mb={Mb(GC.GetTotalMemory(false))} idle_allocated_bytes_per_s={idlePerSecond}{serverRss}"));
        Console.WriteLine($"window statistics: {statistics}");
        return 0;
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
