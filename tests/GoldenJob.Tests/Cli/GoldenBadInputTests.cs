using System.Net;
using System.Net.Sockets;
using Sentinel.GoldenJob.Tests.Hosting;
using Sentinel.Testing.Processes;

namespace Sentinel.GoldenJob.Tests.Cli;

/// <summary>What a user gets wrong, and what the job answers: one line naming the file, line and fix, and the exit code.</summary>
public sealed class GoldenBadInputTests(GoldenServers servers) : IClassFixture<GoldenServers>, IDisposable
{
    private const string Cli = "sentinel-golden";
    private readonly GoldenFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<CliResult> RunAsync(Dictionary<string, string> environment) =>
        CliProcess.RunAsync(Cli, [], environment, timeout: TimeSpan.FromMinutes(2));

    [Fact]
    public async Task Golden_MalformedJsonLine_ExitsTwoNamingFileAndLine()
    {
        var path = _files.WriteLines("broken.jsonl", "{\"text\": \"refund my card\", \"label\": \"billing\"}", "", "{\"text\": \"down again\", \"label\": ");

        var result = await RunAsync(servers.Environment(path));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{path} line 3 is not a JSON object", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Golden_LineWithoutLabel_ExitsTwoNamingTheLine()
    {
        var path = _files.WriteLines("unlabelled.jsonl", "{\"text\": \"refund my card\", \"label\": \"billing\"}", "{\"text\": \"down again\"}");

        var result = await RunAsync(servers.Environment(path));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{path} line 2 has no label", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Golden_LabelTheModelLacks_ExitsTwoNamingFileLineAndLabelBeforeAnyFeedback()
    {
        var path = _files.WriteLines("labels.jsonl",
            "{\"text\": \"refund my card\", \"label\": \"billing\"}",
            "{\"text\": \"sunny and warm\", \"label\": \"weather\"}",
            "{\"text\": \"the app is down\", \"label\": \"outage\"}");

        var result = await RunAsync(servers.Environment(path));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{path} line 2: label 'weather' not among the labels of model support-specialist version v1 (billing, outage, praise)", result.StandardError, StringComparison.Ordinal);
        var pushed = await servers.Pushgateway.ScrapeAsync();
        Assert.Equal(1, GoldenCliTests.Pushed(pushed, "sentinel_golden_last_run_failed", "invalid_input"));
        Assert.DoesNotContain(pushed, s => s.Name == "sentinel_golden_feedback_recorded" && s.Label("job") == Cli);
    }

    [Fact]
    public async Task Golden_EmptySet_ExitsTwoSayingItHasNoRows()
    {
        var path = _files.WriteLines("empty.jsonl", "", "  ");

        var result = await RunAsync(servers.Environment(path));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{path} has no rows", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Golden_UnreachableModelServer_ExitsThreeAndPushesTheFailure()
    {
        var environment = servers.Environment(_files.WriteJsonl(GoldenFiles.Rows.Take(3)));
        environment["MODEL_SERVER_URL"] = $"http://127.0.0.1:{ClosedPort()}";
        environment["Sentinel__Golden__Retries"] = "1";
        environment["Sentinel__Golden__RetryDelay"] = "00:00:00.050";

        var result = await RunAsync(environment);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("model-server unavailable: could not reach the model server at http://127.0.0.1:", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("check MODEL_SERVER_URL", result.StandardError, StringComparison.Ordinal);
        var pushed = await servers.Pushgateway.ScrapeAsync();
        Assert.Equal(1, GoldenCliTests.Pushed(pushed, "sentinel_golden_last_run_failed", "dependency_unavailable"));
        Assert.DoesNotContain(pushed, s => s.Name == "sentinel_golden_accuracy");
    }

    [Theory]
    [InlineData("GOLDEN_SET_PATH", null, "Sentinel:Golden:SetPath (GOLDEN_SET_PATH) is required")]
    [InlineData("GOLDEN_SET_PATH", "/nowhere/golden.jsonl", "Sentinel:Golden:SetPath (GOLDEN_SET_PATH) '/nowhere/golden.jsonl' does not exist")]
    [InlineData("GOLDEN_SET_PATH", "/tmp/golden.csv", "is neither .jsonl nor .parquet")]
    [InlineData("MODEL_SERVER_URL", "ftp://models", "Sentinel:Golden:ModelServerUrl (MODEL_SERVER_URL) is not an http(s) base URL")]
    [InlineData("GOLDEN_MAX_ITEMS", "0", "Sentinel:Golden:MaxItems (GOLDEN_MAX_ITEMS) 0 is out of range; use 1 to 100000")]
    [InlineData("GOLDEN_BATCH_SIZE", "-3", "Sentinel:Golden:BatchSize (GOLDEN_BATCH_SIZE) -3 is out of range")]
    public async Task Golden_BadSetting_ExitsTwoNamingTheSettingAndTheFix(string variable, string? value, string message)
    {
        var environment = servers.Environment(_files.WriteJsonl(GoldenFiles.Rows.Take(3)));
        if (value is null) environment.Remove(variable);
        else environment[variable] = value;

        var result = await RunAsync(environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{Cli}: configuration: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on (bound, read, released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
