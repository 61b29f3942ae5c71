namespace Sentinel.Core.Notifications;

/// <summary>What happened, which decides the wording and the colour of an alert.</summary>
public enum NotificationKind
{
    SpecialistDegraded,
    /// <summary>Still degraded: a reminder (or an escalated one) while a degradation lasts.</summary>
    DegradedReminder,
    Recovered,
    RetrainStarted,
    RetrainSucceeded,
    RetrainFailed,
    /// <summary>The champion alias went back to the previous champion (or, under observe mode, would have).</summary>
    RolledBack,
    /// <summary>A challenger on live traffic was promoted (or, under observe mode, would have been).</summary>
    ChallengerPromoted,
    /// <summary>A challenger on live traffic was retired (or, under observe mode, would have been).</summary>
    ChallengerRetired,
    /// <summary>A promotion or retirement failed in the registry.</summary>
    RolloutFailed,
}

/// <summary>How urgently a person should look.</summary>
public enum NotificationSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>One labelled value shown with an alert: a metric, a run id, a model version.</summary>
public sealed record NotificationFact(string Name, string Value);

/// <summary>
/// One alert about one specialist, independent of the channel that carries it. Channels render it (Slack
/// blocks, an e-mail, a console block); none of its text is trusted markup, so every channel escapes it.
/// </summary>
public sealed record Notification
{
    public required NotificationKind Kind { get; init; }
    public required NotificationSeverity Severity { get; init; }
    public required string SpecialistType { get; init; }
    /// <summary>One line, e.g. "sentiment is degraded".</summary>
    public required string Title { get; init; }
    /// <summary>A few sentences on what was observed.</summary>
    public required string Summary { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>Metrics, run id, versions — in the order they should be shown.</summary>
    public IReadOnlyList<NotificationFact> Facts { get; init; } = [];
    /// <summary>What the reader should do next, one step per line.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];
    /// <summary>Where to read more (a dashboard, the MLflow run); absolute http(s) only.</summary>
    public Uri? Link { get; init; }

    /// <summary>The severity as channels print it: <c>INFO</c>, <c>WARNING</c>, <c>CRITICAL</c>.</summary>
    public string SeverityLabel => Severity.ToString().ToUpperInvariant();
}
