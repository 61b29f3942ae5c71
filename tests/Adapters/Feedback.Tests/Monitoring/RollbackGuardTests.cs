using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sentinel.Adapters.Feedback.Monitoring;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Notifications;
using Sentinel.Core.Online;
using Sentinel.Core.Retraining;
using Sentinel.Core.Rollout;
using Sentinel.Core.Specs;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Feedback.Tests.Monitoring;

/// <summary>
/// The rollback window against the embedded registry: a champion whose live accuracy falls below the previous champion's
/// is rolled back exactly once, with every record written after the alias moved; too few labels, a champion within the
/// margin, an observed specialist and a registry that refuses the move change nothing.
/// </summary>
public sealed class RollbackGuardTests : IDisposable
{
    private const string Model = "sentiment-specialist";
    private static readonly string[] Labels = ["positive", "negative", "neutral"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _directory = Directory.CreateTempSubdirectory("sentinel-rollback-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly LocalTrackingStore _store;
    private readonly ByVersion _observations = new();

    public RollbackGuardTests() => _store = new LocalTrackingStore(_directory, _time);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ResolvedSpecialist Specialist(RetrainingMode mode = RetrainingMode.Auto, bool transitionStage = false) => new()
    {
        Name = "sentiment", SpecialistType = "sentiment", Labels = Labels, Examples = [], Experiment = Model, RegisteredModel = Model,
        ChampionAlias = "champion", Thresholds = Thresholds.Default, Weights = Weights.Default, FeedbackWindow = TimeSpan.FromDays(30),
        Schedule = "0 */6 * * *", Suspend = false,
        Retraining = new ResolvedRetraining
        {
            Enabled = true, Mode = mode, Cooldown = TimeSpan.FromHours(24),
            DatasetGeneration = new ResolvedDatasetGeneration { Provider = "offline", Model = "m", Samples = 10, Temperature = 0.7, Timeout = TimeSpan.FromMinutes(1) },
            FeedbackSamples = 100, TrainingTimeout = TimeSpan.FromHours(1), MinAbsoluteImprovement = 0, MinRelativeImprovement = 0, TransitionStage = transitionStage,
        },
        Notifications = new ResolvedNotifications { Channels = ["console"], SlackChannel = "#ml", EmailRecipients = [] },
    };

    private RollbackGuard Guard(ITrackingStore? store = null) => new(store ?? _store, _observations, _time, NullLogger<RollbackGuard>.Instance);

    /// <summary>Version 1 champion, then version 2 promoted two hours ago (previous-champion → 1), as the retrain job leaves them.</summary>
    private async Task<(ModelVersionInfo V1, ModelVersionInfo V2)> PromotedAsync()
    {
        var experiment = await _store.GetOrCreateExperimentAsync(Model, Ct);
        var v1 = await _store.RegisterModelVersionAsync(Model, await _store.CreateRunAsync(experiment, "retrain-1", new Dictionary<string, string>(), _time.GetUtcNow(), Ct), "model", Ct);
        var v2 = await _store.RegisterModelVersionAsync(Model, await _store.CreateRunAsync(experiment, "retrain-2", new Dictionary<string, string>(), _time.GetUtcNow(), Ct), "model", Ct);
        await _store.SetAliasAsync(Model, RolloutTags.PreviousChampionAlias, v1.Version, Ct);
        await _store.SetAliasAsync(Model, "champion", v2.Version, Ct);
        await _store.SetModelVersionTagAsync(Model, v2.Version, RolloutTags.PromotedAt, _time.GetUtcNow().AddHours(-2).UtcDateTime.ToString("O", CultureInfo.InvariantCulture), Ct);
        return (v1, v2);
    }

    /// <summary><paramref name="right"/> of <paramref name="labelled"/> predictions right, the rest wrong, spread over the labels.</summary>
    private static List<LabelPairCount> Labelled(int labelled, int right)
    {
        var pairs = new List<LabelPairCount>();
        for (var i = 0; i < labelled; i++)
        {
            var truth = Labels[i % 3];
            pairs.Add(new LabelPairCount(truth, i < right ? truth : Labels[(i + 1) % 3], 1));
        }
        return pairs;
    }

    [Fact]
    public async Task WorseThanThePreviousChampion_RollsBackOnce_AndRecordsItAfterTheMove()
    {
        var (v1, v2) = await PromotedAsync();
        _observations.Set(v2.Version, Labelled(150, 90));   // 0.60
        _observations.Set(v1.Version, Labelled(300, 255));  // 0.85

        var outcome = await Guard().CheckAsync(Specialist(), previous: null, Ct);

        Assert.Equal(RollbackRule.RollBack, outcome.Check!.Verdict);
        Assert.Equal((150L, 0.6, 300L, 0.85), (outcome.Check.Labels, outcome.Check.Accuracy!.Value, outcome.Check.PreviousLabels, outcome.Check.PreviousAccuracy!.Value));
        Assert.Equal((RolloutActions.RolledBack, "2", "1", false), (outcome.Decision!.Action, outcome.Decision.Version, outcome.Decision.ChampionVersion, outcome.Decision.Observed));
        Assert.Contains("more than 0.05 below the 0.850 of version 1", outcome.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal((NotificationKind.RolledBack, NotificationSeverity.Critical), (outcome.Notification!.Kind, outcome.Notification.Severity));
        Assert.Equal("1", (await _store.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
        Assert.Null(await _store.GetModelVersionByAliasAsync(Model, RolloutTags.PreviousChampionAlias, Ct));
        var rolledBack = await VersionAsync("2");
        Assert.Equal(RolloutTags.States.RolledBack, rolledBack.Tags[RolloutTags.State]);
        Assert.True((await VersionAsync("1")).Tags.ContainsKey(RollbackGuard.RestoredAt));
        var run = Assert.Single(await _store.FindRunRecordsTaggedAsync(Model, RetrainTags.RolledBackAt, _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch, 10, Ct));
        Assert.Equal(v2.RunId, run.RunId);

        // Evaluated again, and again after a restart (a new guard): the restored champion's window stays closed.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(RollbackOutcome.None, await Guard().CheckAsync(Specialist(), previous: null, Ct));
        Assert.Equal(RollbackOutcome.None, await new RollbackGuard(new LocalTrackingStore(_directory, _time), _observations, _time, NullLogger<RollbackGuard>.Instance).CheckAsync(Specialist(), null, Ct));
        Assert.Equal("1", (await _store.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
    }

    [Fact]
    public async Task RolledBack_WithTransitionStage_TheRestoredVersionIsInProductionAgain()
    {
        var (v1, v2) = await PromotedAsync();
        await _store.TransitionStageAsync(Model, v2.Version, ModelStages.Production, archiveExistingVersions: true, Ct);
        _observations.Set(v2.Version, Labelled(150, 90));
        _observations.Set(v1.Version, Labelled(300, 255));

        var outcome = await Guard().CheckAsync(Specialist(transitionStage: true), previous: null, Ct);

        Assert.Equal(RolloutActions.RolledBack, outcome.Decision!.Action);
        Assert.Equal((ModelStages.Production, "Archived"), ((await VersionAsync("1")).Stage, (await VersionAsync("2")).Stage));
    }

    [Fact]
    public async Task TooFewLabels_IsNotYetKnown_AndNothingMoves()
    {
        var (v1, v2) = await PromotedAsync();
        _observations.Set(v2.Version, Labelled(40, 0));
        _observations.Set(v1.Version, Labelled(300, 255));

        var outcome = await Guard().CheckAsync(Specialist(), previous: null, Ct);

        Assert.Equal(RollbackRule.Unknown, outcome.Check!.Verdict);
        Assert.Contains("40 of 100 labelled predictions", outcome.Check.Reason, StringComparison.Ordinal);
        Assert.Null(outcome.Decision);
        Assert.Equal("2", (await _store.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
    }

    [Fact]
    public async Task WithinTheMargin_Holds()
    {
        var (v1, v2) = await PromotedAsync();
        _observations.Set(v2.Version, Labelled(200, 164)); // 0.82
        _observations.Set(v1.Version, Labelled(300, 255)); // 0.85

        var outcome = await Guard().CheckAsync(Specialist(), previous: null, Ct);

        Assert.Equal(RollbackRule.Hold, outcome.Check!.Verdict);
        Assert.Null(outcome.Decision);
        Assert.Equal("2", (await _store.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
    }

    [Fact]
    public async Task ObserveMode_RecordsWouldRollBack_NotifiesOnce_AndChangesNothing()
    {
        var (v1, v2) = await PromotedAsync();
        _observations.Set(v2.Version, Labelled(150, 90));
        _observations.Set(v1.Version, Labelled(300, 255));

        var first = await Guard().CheckAsync(Specialist(RetrainingMode.Observe), previous: null, Ct);
        var again = await Guard().CheckAsync(Specialist(RetrainingMode.Observe), new EvaluationStatus { Rollout = new RolloutEvaluationStatus { Decision = first.Decision } }, Ct);

        Assert.Equal((RolloutActions.WouldRollBack, true), (first.Decision!.Action, first.Decision.Observed));
        Assert.Contains("nothing was changed", first.Notification!.Summary, StringComparison.Ordinal);
        Assert.Equal(RolloutActions.WouldRollBack, again.Decision!.Action);
        Assert.Null(again.Notification);
        Assert.Equal("2", (await _store.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
        Assert.Equal("1", (await _store.GetModelVersionByAliasAsync(Model, RolloutTags.PreviousChampionAlias, Ct))!.Version);
        Assert.False((await VersionAsync("2")).Tags.ContainsKey(RolloutTags.State));
    }

    [Fact]
    public async Task RegistryRefusesTheMove_FailureReported_AndNothingIsRecorded()
    {
        var (v1, v2) = await PromotedAsync();
        _observations.Set(v2.Version, Labelled(150, 90));
        _observations.Set(v1.Version, Labelled(300, 255));
        var refusing = RefusingStore.Create(_store, nameof(ITrackingStore.SetAliasAsync));

        var outcome = await Guard(refusing).CheckAsync(Specialist(), previous: null, Ct);

        Assert.Equal(RollbackRule.RollBack, outcome.Check!.Verdict);
        Assert.Null(outcome.Decision);
        Assert.Null(outcome.Notification);
        Assert.Contains("version 2 is still the champion and the next run tries again", outcome.Failure, StringComparison.Ordinal);

        Assert.Equal("2", (await _store.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
        Assert.Equal("1", (await _store.GetModelVersionByAliasAsync(Model, RolloutTags.PreviousChampionAlias, Ct))!.Version);
        Assert.False((await VersionAsync("2")).Tags.ContainsKey(RolloutTags.State));
        Assert.False((await VersionAsync("1")).Tags.ContainsKey(RollbackGuard.RestoredAt));
    }

    [Fact]
    public async Task InterruptedAfterTheMove_IsNotRolledBackAgain()
    {
        var (v1, _) = await PromotedAsync();
        // The move happened, nothing after it: champion and previous-champion both point at version 1.
        await _store.SetAliasAsync(Model, "champion", v1.Version, Ct);
        await _store.SetModelVersionTagAsync(Model, v1.Version, RolloutTags.PromotedAt, _time.GetUtcNow().AddHours(-5).UtcDateTime.ToString("O", CultureInfo.InvariantCulture), Ct);
        _observations.Set(v1.Version, Labelled(150, 0));

        var outcome = await Guard().CheckAsync(Specialist(), previous: null, Ct);

        Assert.Equal(RollbackRule.Unknown, outcome.Check!.Verdict);
        Assert.Contains("already the previous champion", outcome.Check.Reason, StringComparison.Ordinal);
        Assert.Null(outcome.Decision);
    }

    [Fact]
    public async Task AfterTheWindow_OrDisabled_NothingIsJudged()
    {
        var (v1, v2) = await PromotedAsync();
        _observations.Set(v2.Version, Labelled(150, 0));
        _observations.Set(v1.Version, Labelled(300, 255));
        var disabled = Specialist() with { Retraining = Specialist().Retraining with { Rollout = ResolvedRollout.Default with { RollbackEnabled = false } } };

        Assert.Equal(RollbackOutcome.None, await Guard().CheckAsync(disabled, previous: null, Ct));
        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(RollbackOutcome.None, await Guard().CheckAsync(Specialist(), previous: null, Ct));
        Assert.Equal("2", (await _store.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
    }

    private async Task<ModelVersionInfo> VersionAsync(string version)
    {
        // The embedded registry answers versions through their aliases: point a scratch alias at it to read its tags.
        await _store.SetAliasAsync(Model, "read", version, Ct);
        var read = (await _store.GetModelVersionByAliasAsync(Model, "read", Ct))!;
        await _store.DeleteAliasAsync(Model, "read", Ct);
        return read;
    }

    /// <summary>Observations that answer each model version's labelled pairs, whatever the window.</summary>
    private sealed class ByVersion : IOnlineObservations
    {
        private readonly Dictionary<string, IReadOnlyList<LabelPairCount>> _pairs = new(StringComparer.Ordinal);

        public void Set(string version, IReadOnlyList<LabelPairCount> pairs) => _pairs[version] = pairs;

        public Task<OnlineAggregates> AggregateAsync(OnlineWindow window, CancellationToken cancellationToken) => Task.FromResult(new OnlineAggregates
        {
            Window = window, Predictions = 0, PredictedClasses = [], Confidence = [],
            WindowConfusion = window.ModelVersion is { } v && _pairs.TryGetValue(v, out var pairs) ? pairs : [], RollingConfusion = [],
        });
    }
}

/// <summary>A tracking store whose named method throws <see cref="TrackingException"/>; every other call goes to the inner store.</summary>
public class RefusingStore : DispatchProxy
{
    private ITrackingStore _inner = null!;
    private string _refused = "";

    public static ITrackingStore Create(ITrackingStore inner, string refused)
    {
        var proxy = Create<ITrackingStore, RefusingStore>();
        var self = (RefusingStore)(object)proxy;
        (self._inner, self._refused) = (inner, refused);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == _refused) return Task.FromException(new TrackingException($"{_refused} refused by the test"));
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
