using Sentinel.Core.Tracking;

namespace Sentinel.Core.Reports;

/// <summary>
/// What one run of the online signals alone (<c>sentinel-monitor --signals online</c>, on <c>spec.onlineQuality.schedule</c>)
/// learned about one specialist: the champion it looked for and the online quality and drift signals of the window. It
/// has no MLflow metrics, feedback average or aggregate score: those are the full monitor's, and this report does not
/// claim them.
/// </summary>
public sealed record OnlineSignalsReport
{
    public required string SpecialistType { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>The champion's run, or null with <see cref="RunMissingReason"/> (the window then covers every version).</summary>
    public MonitoredRun? Run { get; init; }
    public string? RunMissingReason { get; init; }
    public required OnlineQualityReport Online { get; init; }

    public bool Degraded => Online.Evaluation.Degraded;
}
