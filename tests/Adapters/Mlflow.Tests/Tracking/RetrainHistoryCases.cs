using System.Globalization;
using Sentinel.Core.Retraining;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tests.Tracking;

/// <summary>
/// Which retrain runs hold the cooldown, shared by every <see cref="IRetrainHistory"/>: runs are written
/// <c>Status@hoursAfterOrigin</c> (suffix <c>untagged</c> for a run sentinel-retrain did not create) and the
/// cut-off for abandoned running runs is <see cref="CutOff"/>.
/// </summary>
public static class RetrainHistoryCases
{
    public static readonly DateTimeOffset Origin = new(2025, 11, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset CutOff = Origin.AddHours(10);

    public static TheoryData<string, string[], double?> Cases => new()
    {
        // name, runs, expected start (hours after origin) or null
        { "no runs", [], null },
        { "old running run is abandoned", ["Running@2"], null },
        { "old scheduled run is abandoned", ["Scheduled@2"], null },
        { "running run started at the cut-off counts", ["Running@10"], 10 },
        { "recent running run counts", ["Running@11"], 11 },
        { "old finished run counts", ["Finished@1"], 1 },
        { "recent finished run counts", ["Finished@11"], 11 },
        { "failed run is ignored", ["Failed@11"], null },
        { "killed run is ignored", ["Killed@11"], null },
        { "abandoned run newer than a finished one: the finished one", ["Finished@1", "Running@5"], 1 },
        { "recent running run newer than a finished one", ["Finished@1", "Running@11"], 11 },
        { "failed run newer than a finished one: the finished one", ["Finished@1", "Failed@11"], 1 },
        { "runs of other sources are ignored", ["Finished@11 untagged"], null },
    };

    /// <summary>Creates the runs in <paramref name="experimentId"/> as a retrain would: started, then finished with the status unless still running.</summary>
    public static async Task SeedAsync(ITrackingStore store, string experimentId, IEnumerable<string> runs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var index = 0;
        foreach (var run in runs)
        {
            var parts = run.Split(' ');
            var (status, hours) = (parts[0].Split('@')[0], double.Parse(parts[0].Split('@')[1], CultureInfo.InvariantCulture));
            var tags = parts is [_, "untagged"]
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { [RetrainTags.Source] = RetrainTags.SourceValue };
            var start = Origin.AddHours(hours);
            var created = await store.CreateRunAsync(experimentId, $"retrain-{index++}", tags, start, ct);
            var parsed = Enum.Parse<TrackedRunStatus>(status);
            if (parsed != TrackedRunStatus.Running) await store.FinishRunAsync(created.RunId, parsed, start.AddMinutes(5), ct);
        }
    }

    public static DateTimeOffset? Expected(double? hours) => hours is { } h ? Origin.AddHours(h) : null;
}
