using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Sentinel.Adapters.Feedback.Mongo;
using Sentinel.Adapters.Metrics;
using Sentinel.Adapters.Mlflow;
using Sentinel.Adapters.Notifications;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Metrics.Tests;

/// <summary>What a job remembers of its dependencies between two snapshots, read from the adapters' real meters.</summary>
public sealed class DependencyCallsTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void TakeSnapshot_LastCallDecides_AndAnAnswerOtherThanUnavailableCountsAsReached()
    {
        using var calls = new DependencyCalls(Meters);
        var mlflow = new MlflowMetrics(Meters);
        var mongo = new MongoFeedbackMetrics(Meters, new CircuitBreakerStateProvider());

        mlflow.Record("runs_search", "success", TimeSpan.Zero);
        mlflow.Record("runs_search", "unavailable", TimeSpan.Zero);
        mongo.RecordCall("statistics", succeeded: false);
        mongo.RecordCall("statistics", succeeded: true);
        var first = calls.TakeSnapshot();
        mlflow.Record("registered_models_get_alias", "not_found", TimeSpan.Zero);
        var second = calls.TakeSnapshot();

        Assert.Equal(new Dictionary<string, bool> { ["mlflow"] = false, ["mongodb"] = true }, first);
        Assert.Equal(new Dictionary<string, bool> { ["mlflow"] = true }, second);
        Assert.Empty(calls.TakeSnapshot());
    }

    [Fact]
    public void TakeSnapshot_NotificationChannels_CountWhenCalled_TheConsoleAndUnconfiguredChannelsDoNot()
    {
        using var calls = new DependencyCalls(Meters);
        var notifications = new NotificationMetrics(Meters);

        notifications.Record(new ChannelDelivery(NotificationTarget.Slack, DeliveryOutcome.Failed, "webhook refused"));
        notifications.Record(new ChannelDelivery(NotificationTarget.Email, DeliveryOutcome.Sent));
        notifications.Record(new ChannelDelivery(NotificationTarget.Console, DeliveryOutcome.Sent));
        notifications.Record(new ChannelDelivery("teams", DeliveryOutcome.NotConfigured));

        Assert.Equal(new Dictionary<string, bool> { ["email"] = true, ["slack"] = false }, calls.TakeSnapshot());
    }

    [Fact]
    public async Task TakeSnapshot_IgnoresMetersOfAnotherMeterFactory()
    {
        using var calls = new DependencyCalls(Meters);
        await using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();

        new MlflowMetrics(other.GetRequiredService<IMeterFactory>()).Record("runs_search", "unavailable", TimeSpan.Zero);

        Assert.Empty(calls.TakeSnapshot());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
