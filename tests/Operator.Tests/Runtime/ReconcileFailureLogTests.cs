using System.Net;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;
using Sentinel.Operator.Tests.Controllers;

namespace Sentinel.Operator.Tests.Runtime;

/// <summary>
/// A reconcile the API server refused is logged with the server's own reason (what was invalid, what was forbidden) and
/// without a stack trace; any other failure keeps its exception. Either way the key is retried with backoff.
/// </summary>
public sealed class ReconcileFailureLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string InvalidStatus = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"SpecialistModel.sentinel.io \"sentiment\" is invalid: spec.schedule: Invalid value: \"string\": schedule must be five cron fields","reason":"Invalid","code":422}
        """;

    private static HttpOperationException Refused(HttpStatusCode code, string body) =>
        new("Operation returned an invalid status code") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), body) };

    [Fact]
    public void Answer_OfAStatusObject_IsTheCodeAndTheServersMessage() =>
        Assert.Equal("422 UnprocessableEntity: SpecialistModel.sentinel.io \"sentiment\" is invalid: spec.schedule: Invalid value: \"string\": schedule must be five cron fields",
            KubeErrors.Answer(Refused(HttpStatusCode.UnprocessableEntity, InvalidStatus)));

    [Fact]
    public void Answer_WithoutAStatusObject_IsTheCodeAndTheBodysStart()
    {
        Assert.Equal("503 ServiceUnavailable", KubeErrors.Answer(Refused(HttpStatusCode.ServiceUnavailable, "")));
        var answer = KubeErrors.Answer(Refused(HttpStatusCode.BadGateway, "<html>\n" + new string('x', 500) + "</html>"))!;
        Assert.StartsWith("502 BadGateway: <html> xxx", answer, StringComparison.Ordinal);
        Assert.EndsWith("…", answer, StringComparison.Ordinal);
        Assert.Null(KubeErrors.Answer(new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task RefusedReconcile_IsLoggedWithTheServersReasonAndNoStackTrace_OtherFailuresWithTheirException()
    {
        var logs = new FakeLogCollector();
        using var logger = new FakeLoggerProvider(logs);
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<ResourceKey>(time);
        var failures = new Queue<Exception>([Refused(HttpStatusCode.UnprocessableEntity, InvalidStatus), new InvalidOperationException("a bug in a reconciler")]);
        var loop = new ReconcileLoop("specialistmodel", queue, new Throwing(failures), 1, new OperatorMetrics(Metrics.NewCustomRegistry()), time,
            logger.CreateLogger("reconcile"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = loop.RunAsync(stop.Token);

        queue.Add(new ResourceKey("ml", "sentiment"));
        await Eventually.TrueAsync(() => Task.FromResult(logs.GetSnapshot().Any(r => r.Level == LogLevel.Warning)), "the first failure is logged");
        time.Advance(TimeSpan.FromMinutes(1)); // the backoff passes: the second attempt fails differently
        await Eventually.TrueAsync(() => Task.FromResult(logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning) == 2), "the second failure is logged");
        await stop.CancelAsync();
        await running;

        var (refused, bug) = (logs.GetSnapshot().First(r => r.Level == LogLevel.Warning), logs.GetSnapshot().Last(r => r.Level == LogLevel.Warning));
        Assert.Contains("failed (attempt 1): the API server answered 422 UnprocessableEntity: SpecialistModel.sentinel.io \"sentiment\" is invalid: spec.schedule", refused.Message, StringComparison.Ordinal);
        Assert.Null(refused.Exception);
        Assert.Contains("failed (attempt 2)", bug.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(bug.Exception);
    }

    private sealed class Throwing(Queue<Exception> failures) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ResourceKey key, CancellationToken cancellationToken) =>
            failures.TryDequeue(out var failure) ? Task.FromException<ReconcileResult>(failure) : Task.FromResult(ReconcileResult.Done);
    }
}
