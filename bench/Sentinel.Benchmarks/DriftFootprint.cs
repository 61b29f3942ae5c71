using System.Diagnostics;
using System.Globalization;
using Sentinel.Core.Drift;
using Sentinel.Core.Online;

namespace Sentinel.Benchmarks;

/// <summary>
/// <c>drift-footprint [--predictions N] [--labelled L] [--samples S] [--permutations P]</c>: builds the in-memory window
/// and the feature samples, then times one computation of all signals and one MMD test, printing each one's time,
/// processor time (the machine may be shared), managed bytes allocated and this process's peak working set during it.
/// </summary>
internal static class DriftFootprint
{
    public static int Run(string[] args)
    {
        var predictions = Option(args, "--predictions", 1_000_000);
        var labelled = Option(args, "--labelled", 100_000);
        var samples = Option(args, "--samples", 2000);
        var permutations = Option(args, "--permutations", 100);

        var window = OnlineWindowGenerator.Window(predictions, labelled);
        var reference = OnlineWindowGenerator.Features(samples, complaintShare: 0.3, seed: 1);
        var recent = OnlineWindowGenerator.Features(samples, complaintShare: 0.4, seed: 2);
        var nonZeros = reference.Concat(recent).Average(v => v.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inputs: predictions={predictions} labelled={labelled} samples={samples}x{samples} dimension={reference[0].Dimension} mean_non_zeros={nonZeros:F1} baseline_working_set_mb={Mb(ProcessMemory.CurrentBytes(Environment.ProcessId))}"));

        Measure("all_signals_but_mmd", () =>
        {
            var signals = OnlineSignalCalculator.Compute(window, OnlineQualityThresholds.Default, OnlineWindowGenerator.Now);
            var evaluation = OnlineQualityEvaluator.Evaluate(signals, OnlineQualityThresholds.Default);
            return string.Create(CultureInfo.InvariantCulture,
                $"accuracy={signals.Performance!.Report.Accuracy:F4} psi={signals.PredictionDrift!.PopulationStabilityIndex:F5} p10={signals.Confidence!.LowPercentile:F4} status={evaluation.Status}");
        });
        Measure("mmd_permutation_test", () =>
        {
            var result = MmdPermutationTest.Run(reference, recent, permutations, seed: 7)!;
            return string.Create(CultureInfo.InvariantCulture, $"mmd2={result.Mmd2:F5} p={result.PValue:F4} sigma={result.Bandwidth:F4} permutations={permutations}");
        });
        return 0;
    }

    private static void Measure(string name, Func<string> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var reset = ProcessMemory.TryResetPeak();
        var before = ProcessMemory.CurrentBytes(Environment.ProcessId);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var timer = Stopwatch.StartNew();
        var outcome = work();
        timer.Stop();
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        var peak = ProcessMemory.PeakBytes(Environment.ProcessId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: ms={timer.Elapsed.TotalMilliseconds:F0} cpu_ms={cpu.TotalMilliseconds:F0} allocated_mb={Mb(GC.GetTotalAllocatedBytes(precise: true) - allocated)} working_set_before_mb={Mb(before)} peak_working_set_mb={Mb(peak)}{(reset ? "" : " (peak not reset)")} {outcome}"));
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
