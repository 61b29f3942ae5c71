using System.Net;
using System.Text;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Tests.Kube;

/// <summary>The test clients' retry of kube-apiserver v1.24.0's CEL race: that answer only, with the same request body each time.</summary>
public sealed class CelRaceRetryHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Race = """{"kind":"Status","status":"Failure","message":"SpecialistModel.sentinel.io \"s\" is invalid: spec.schedule: Invalid value: \"string\": internal error: runtime error: index out of range [0] with length 0 evaluating rule: schedule must be five cron fields","code":422}""";
    private const string Invalid = """{"kind":"Status","status":"Failure","message":"SpecialistModel.sentinel.io \"s\" is invalid: spec.schedule: Invalid value: \"string\": schedule must be five cron fields","code":422}""";

    [Fact]
    public async Task TheRace_IsRetriedWithTheSameBody_UntilTheServerAccepts()
    {
        var server = new Answers((HttpStatusCode.UnprocessableEntity, Race), (HttpStatusCode.UnprocessableEntity, Race), (HttpStatusCode.Created, "{}"));
        using var client = new HttpClient(new CelRaceRetryHandler { InnerHandler = server });

        using var response = await client.PostAsync(new Uri("https://127.0.0.1/apis/sentinel.io/v1alpha1/namespaces/ml/specialistmodels"),
            new StringContent("""{"metadata":{"name":"s"}}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, server.Bodies.Count);
        Assert.All(server.Bodies, b => Assert.Equal("""{"metadata":{"name":"s"}}""", b));
    }

    [Fact]
    public async Task ARealValidationError_ComesBackAtOnce_Readable()
    {
        var server = new Answers((HttpStatusCode.UnprocessableEntity, Invalid), (HttpStatusCode.Created, "{}"));
        using var client = new HttpClient(new CelRaceRetryHandler { InnerHandler = server });

        using var response = await client.PostAsync(new Uri("https://127.0.0.1/x"), new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Single(server.Bodies);
        Assert.Equal(Invalid, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TheRaceEveryTime_GivesUpAfterFiveAttempts_WithTheServersAnswer()
    {
        var server = new Answers([.. Enumerable.Repeat((HttpStatusCode.UnprocessableEntity, Race), 6)]);
        using var client = new HttpClient(new CelRaceRetryHandler { InnerHandler = server });

        using var response = await client.PostAsync(new Uri("https://127.0.0.1/x"), new StringContent("{}"), Ct);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, 5), (response.StatusCode, server.Bodies.Count));
        Assert.Contains("internal error: runtime error", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private sealed class Answers(params (HttpStatusCode Code, string Body)[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            var (code, body) = answers[_next++];
            return new HttpResponseMessage(code) { Content = new StringContent(body) };
        }
    }
}
