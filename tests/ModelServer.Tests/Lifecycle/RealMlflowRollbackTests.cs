using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentinel.Adapters.Datasets;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Adapters.Inference;
using Sentinel.Adapters.Mlflow;
using Sentinel.Core.Datasets;
using Sentinel.Core.Rollout;
using Sentinel.Core.Tracking;
using Sentinel.Testing.Mlflow;
using Sentinel.Testing.Processes;

namespace Sentinel.ModelServer.Tests.Lifecycle;

/// <summary>
/// Rollback end to end over the real MLflow server and the model server: a good champion (trained by
/// <c>sentinel-retrain</c>) serves labelled traffic; a deliberately bad version (the same model with its labels rotated) is
/// promoted over it; it serves labelled traffic too; <c>sentinel-monitor</c> (a process, on the feedback database the server
/// writes) moves the champion alias back, the server swaps back, and further monitor runs — new processes, as after
/// restarts — roll back nothing more.
/// </summary>
public sealed class RealMlflowRollbackTests : IAsyncLifetime
{
    private const string Specialist = "sentiment";
    private const string Model = "sentiment-specialist";
    private static readonly string[] Labels = ["positive", "negative", "neutral"];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "sentinel-real-rollback-" + Guid.NewGuid().ToString("N"));
    private RealMlflowServer _mlflow = null!;
    private ServiceProvider _services = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITrackingStore Registry => _services.GetRequiredService<ITrackingStore>();

    public async ValueTask InitializeAsync()
    {
        _mlflow = await RealMlflowServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Mlflow:TrackingUri"] = _mlflow.TrackingUri.ToString(),
            ["Sentinel:Mlflow:TimeoutSeconds"] = "60",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddMlflowTracking(configuration).BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _mlflow.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task BadPromotion_MonitorRollsBack_ServerSwapsBack_ExactlyOnce()
    {
        var good = await RetrainAsync();
        await using var server = RegistryServer.Start(new()
        {
            ["Sentinel:ModelServer:SpecialistType"] = Specialist,
            ["Sentinel:Mlflow:TrackingUri"] = _mlflow.TrackingUri.ToString(),
        });
        await server.WaitForVersionAsync(good, TimeSpan.FromSeconds(60));
        Assert.Equal(60, await LabelledTrafficAsync(server, "good", perLabel: 20));

        var bad = await PromoteRotatedCopyAsync(good);
        await server.WaitForVersionAsync(bad, TimeSpan.FromSeconds(60));
        var right = await LabelledTrafficAsync(server, "bad", perLabel: 20);
        Assert.True(right < 10, $"the rotated model got {right} of 60 right");
        await WaitForLabelledAsync(server.Factory.DataDirectory, 120);

        var first = await MonitorAsync(server.Factory.DataDirectory);

        var rollback = first.Report.GetProperty("rollback");
        Assert.Equal(("roll_back", "RolledBack", good), (rollback.GetProperty("verdict").GetString(), rollback.GetProperty("action").GetString(),
            rollback.GetProperty("champion_version_after").GetString()));
        Assert.Equal((60, 60), (rollback.GetProperty("labels").GetInt32(), rollback.GetProperty("previous_labels").GetInt32()));
        Assert.Equal(good, (await Registry.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
        Assert.Null(await Registry.GetModelVersionByAliasAsync(Model, RolloutTags.PreviousChampionAlias, Ct));
        await server.WaitForVersionAsync(good, TimeSpan.FromSeconds(60));
        using (var served = await server.PredictAsync("positive1 the service positive3 today"))
            Assert.Equal("positive", served.RootElement.GetProperty("label").GetString());

        // Two more scheduled runs, each a new process: the window of the restored champion is closed; nothing moves again.
        foreach (var _ in new[] { 1, 2 })
        {
            var again = await MonitorAsync(server.Factory.DataDirectory);
            Assert.Equal(JsonValueKind.Null, again.Report.GetProperty("rollback").ValueKind);
        }
        Assert.Equal(good, (await Registry.GetModelVersionByAliasAsync(Model, "champion", Ct))!.Version);
        var badTags = await TagsAsync(bad);
        Assert.Equal(RolloutTags.States.RolledBack, badTags[RolloutTags.State]);
    }

    /// <summary>
    /// Registers the champion's model again with its labels rotated (every answer names the next label): the same files, a
    /// valid checksum, a model that is wrong on nearly every request. Promoted as the retrain job promotes: previous-champion
    /// to the good version, then the champion alias, then the promotion time.
    /// </summary>
    private async Task<string> PromoteRotatedCopyAsync(string good)
    {
        var source = (await Registry.GetModelVersionByAliasAsync(Model, "champion", Ct))!;
        Assert.Equal(good, source.Version);
        var from = (await Registry.GetRunAsync(source.RunId!, Ct))!;
        var experiment = await Registry.GetOrCreateExperimentAsync(Model, Ct);
        var run = await Registry.CreateRunAsync(experiment, "rotated-labels", new Dictionary<string, string>(), DateTimeOffset.UtcNow, Ct);
        foreach (var file in new[] { "model/model.onnx", "model/model.onnx.sha256" })
        {
            await using var stream = (await Registry.DownloadArtifactAsync(from, file, Ct))!;
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            copy.Position = 0;
            await Registry.UploadArtifactAsync(run, file, copy, Ct);
        }
        await using (var labels = (await Registry.DownloadArtifactAsync(from, "model/" + LabelMap.FileName, Ct))!)
        using (var reader = new StreamReader(labels))
        {
            var map = LabelMap.Parse(await reader.ReadToEndAsync(Ct));
            var rotated = map with { Labels = [.. map.Labels.Skip(1), map.Labels[0]] };
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(rotated.ToJson()));
            await Registry.UploadArtifactAsync(run, "model/" + LabelMap.FileName, content, Ct);
        }
        await Registry.FinishRunAsync(run.RunId, TrackedRunStatus.Finished, DateTimeOffset.UtcNow, Ct);
        var bad = await Registry.RegisterModelVersionAsync(Model, run, "model", Ct);
        await Registry.SetAliasAsync(Model, RolloutTags.PreviousChampionAlias, good, Ct);
        await Registry.SetAliasAsync(Model, "champion", bad.Version, Ct);
        await Registry.SetModelVersionTagAsync(Model, bad.Version, RolloutTags.PromotedAt, DateTimeOffset.UtcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), Ct);
        return bad.Version;
    }

    /// <summary>Predicts texts of each label and gives each answer its true label as feedback; returns how many answers were right.</summary>
    private static async Task<int> LabelledTrafficAsync(RegistryServer server, string batch, int perLabel)
    {
        var right = 0;
        foreach (var row in Rows(perLabel, seed: batch.Length))
        {
            using var predicted = await server.PredictAsync($"{row.Text} {batch}");
            if (predicted.RootElement.GetProperty("label").GetString() == row.Label) right++;
            var id = predicted.RootElement.GetProperty("prediction_id").GetString();
            using var feedback = await server.Client.PostAsJsonAsync("/feedback", new { prediction_id = id, label = row.Label }, Ct);
            feedback.EnsureSuccessStatusCode();
        }
        return right;
    }

    /// <summary>Waits until the server's prediction log holds <paramref name="count"/> predictions joined to labelled feedback.</summary>
    private static async Task WaitForLabelledAsync(string dataDirectory, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long joined = 0;
        while (DateTime.UtcNow < deadline)
        {
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "feedback.db")};Pooling=False"))
            {
                await connection.OpenAsync(Ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(DISTINCT p.prediction_id) FROM predictions p JOIN feedback f ON f.prediction_id = p.prediction_id WHERE f.true_label IS NOT NULL";
                joined = Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
            }
            if (joined >= count) return;
            await Task.Delay(100, Ct);
        }
        Assert.Fail($"{joined} of {count} labelled predictions were logged within 60 s");
    }

    private async Task<(CliResult Result, JsonElement Report)> MonitorAsync(string dataDirectory)
    {
        var spec = Path.Combine(_data, "sentiment.yaml");
        Directory.CreateDirectory(_data);
        await File.WriteAllTextAsync(spec, """
            apiVersion: sentinel.io/v1alpha1
            kind: SpecialistModel
            metadata: { name: sentiment }
            spec:
              labels: [positive, negative, neutral]
              retraining:
                promotion: { rollback: { minLabels: 50 } }
            """, Ct);
        var result = await CliProcess.RunAsync("sentinel-monitor", ["--spec", spec, "--specialist-type", Specialist, "--output-format", "json", "--notification-channels", "console"],
            new Dictionary<string, string>
            {
                ["SENTINEL_DATA_DIR"] = dataDirectory,
                ["MLFLOW_TRACKING_URI"] = _mlflow.TrackingUri.ToString(),
                ["Sentinel__Mlflow__TimeoutSeconds"] = "60",
            }, timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode is 0 or 10, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        return (result, json.RootElement.GetProperty("reports")[0].Clone());
    }

    private async Task<IReadOnlyDictionary<string, string>> TagsAsync(string version)
    {
        await Registry.SetAliasAsync(Model, "lookup", version, Ct);
        var tags = (await Registry.GetModelVersionByAliasAsync(Model, "lookup", Ct))!.Tags;
        await Registry.DeleteAliasAsync(Model, "lookup", Ct);
        return tags;
    }

    /// <summary>Runs <c>sentinel-retrain</c> on a separable dataset; returns the version it registered and promoted.</summary>
    private async Task<string> RetrainAsync()
    {
        var path = new DatasetStore(Path.Combine(_data, DatasetStore.DirectoryName)).NewPath(Specialist, DateTimeOffset.UtcNow.AddDays(-1));
        await ParquetDatasetFile.WriteAsync(path, Rows(perLabel: 30, seed: 4), new Dictionary<string, string> { ["sentinel.provider"] = "test" }, Ct);
        var cli = await CliProcess.RunAsync(
            "sentinel-retrain", ["--specialist-type", Specialist, "--skip-dataset-generation", "--notification-channels", "console", "--output-format", "json"],
            new Dictionary<string, string>
            {
                ["SENTINEL_DATA_DIR"] = _data,
                ["MLFLOW_TRACKING_URI"] = _mlflow.TrackingUri.ToString(),
                ["Sentinel__Mlflow__TimeoutSeconds"] = "60",
            }, timeout: TimeSpan.FromMinutes(3));
        Assert.True(cli.ExitCode == 0, cli.ToString());
        using var json = JsonDocument.Parse(cli.StandardOutput);
        var result = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.True(result.GetProperty("promoted").GetBoolean(), cli.ToString());
        return result.GetProperty("model_version").GetString()!;
    }

    /// <summary>Each label has its own words (<c>positive3</c>), mixed with shared filler.</summary>
    private static List<DatasetRow> Rows(int perLabel, int seed)
    {
        string[] filler = ["the", "my", "service", "today", "again", "please", "really", "account"];
        var random = new Random(seed);
        return
        [
            .. Enumerable.Range(0, perLabel).SelectMany(i => Labels.Select(label => new DatasetRow(
                $"{string.Join(' ', Enumerable.Range(0, 6).Select(k => k % 2 == 0 ? $"{label}{random.Next(8)}" : filler[random.Next(filler.Length)]))} n{i}",
                label, DatasetSource.Synthetic))),
        ];
    }
}
