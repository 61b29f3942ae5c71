using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sentinel.Adapters.Mlflow;
using Sentinel.Adapters.Mlflow.Dtos;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>The client reads the bodies a real MLflow server sent.</summary>
public sealed class MlflowFixtureParsingTests
{
    private static readonly MlflowJsonContext Json = MlflowJsonContext.Default;
    private static readonly Uri Server = new("http://mlflow.mlflow:5000/");

    [Fact]
    public void RunResponse_NaNAndClampedInfinity_ReadAsDoubles()
    {
        var run = Parse("33_runs_get_nan_inf", Json.RunResponse).Run;

        var metrics = run.Data!.Metrics!.ToDictionary(m => m.Key, m => m.Value);
        Assert.True(double.IsNaN(metrics["drift_score"]));
        Assert.Equal(double.MaxValue, metrics["psi"]);
        Assert.Equal(0.7467, metrics["f1_score"]);
        Assert.Equal(0, metrics["bad_metric"]);
    }

    [Fact]
    public void RunResponse_CreatedRun_HasRunIdAndNoEndTimeMetricsOrParams()
    {
        var run = Parse("12_runs_create", Json.RunResponse).Run;

        Assert.Equal(RecordedSession.BaselineRun, run.Info.RunId);
        Assert.Equal("RUNNING", run.Info.Status);
        Assert.Null(run.Info.EndTime);
        Assert.Null(run.Data!.Metrics);
        Assert.Null(run.Data.Params);
        Assert.Equal("mlflow-artifacts:/1/b67a3006cd1b497a9dab305ff621e67a/artifacts", run.Info.ArtifactUri);
    }

    [Fact]
    public void SearchRunsResponse_FullPage_CarriesToken()
    {
        var page = Parse("24_runs_search_page2", Json.SearchRunsResponse);

        Assert.Single(page.Runs!);
        Assert.Equal("eyJvZmZzZXQiOiAyfQ==", page.NextPageToken);
    }

    [Fact]
    public void SearchRunsResponse_EmptyLastPage_HasNoRunsAndNoToken()
    {
        var page = Parse("25_runs_search_page3_empty", Json.SearchRunsResponse);

        Assert.Null(page.Runs);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public void ModelVersionResponse_AliasesAreStrings()
    {
        var version = Parse("66_registered_models_alias_get_after_move", Json.ModelVersionResponse).ModelVersion;

        Assert.Equal(["challenger", "champion"], version.Aliases);
        Assert.Equal("2", version.Version);
        Assert.Null(version.Tags);
    }

    [Fact]
    public void ModelVersionResponse_WithoutAliases_HasNullAliases()
    {
        var version = Parse("75_model_versions_get_archived", Json.ModelVersionResponse).ModelVersion;

        Assert.Null(version.Aliases);
        Assert.Equal("Archived", version.CurrentStage);
    }

    [Fact]
    public void RegisteredModelResponse_AliasesAreAliasVersionPairs()
    {
        var model = Parse("64_registered_models_get", Json.RegisteredModelResponse).RegisteredModel;

        Assert.Equal([new RegisteredModelAliasDto("challenger", "2"), new RegisteredModelAliasDto("champion", "1")], model.Aliases);
        Assert.Equal("2", Assert.Single(model.LatestVersions!).Version);
    }

    [Fact]
    public void GetLatestVersionsResponse_ReadsEachStage()
    {
        var versions = Parse("79_registered_models_get_latest_versions_all", Json.GetLatestVersionsResponse).ModelVersions!;

        Assert.Equal(["Staging", "Production", "None"], versions.Select(v => v.CurrentStage));
    }

    [Fact]
    public void ErrorReader_AlreadyExists_KeepsCodeOf400()
    {
        var error = ParseError("04_experiments_create_duplicate");

        Assert.Equal(400, error.Status);
        Assert.True(error.Is(MlflowError.ResourceAlreadyExists));
    }

    [Fact]
    public void ErrorReader_HtmlNotFound_NamesRouteAndTrackingUri()
    {
        var error = ParseError("97_error_unknown_endpoint");

        Assert.Equal(MlflowError.EndpointNotFound, error.ErrorCode);
        Assert.Contains("404 Not Found", error.Message, StringComparison.Ordinal);
        Assert.Contains("/api/2.0/mlflow/no-such-endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("MLFLOW_TRACKING_URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorReader_HtmlMethodNotAllowed_IsMethodNotAllowed()
    {
        var error = ParseError("98_error_method_not_allowed");

        Assert.Equal(MlflowError.MethodNotAllowed, error.ErrorCode);
        Assert.Contains("405 Method Not Allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsMissingArtifact_DownloadOfMissingFile_IsTrue()
    {
        Assert.True(MlflowArtifactPaths.IsMissingArtifact(ParseError("41_artifacts_download_missing")));
    }

    [Theory]
    [InlineData("59_model_version_get_artifact_runs_uri")]
    [InlineData("94_error_wrong_content_type")]
    [InlineData("67_registered_models_alias_get_missing")]
    public void IsMissingArtifact_OtherErrors_IsFalse(string fixture)
    {
        Assert.False(MlflowArtifactPaths.IsMissingArtifact(ParseError(fixture)));
    }

    [Fact]
    public void ProxyPath_RunArtifactUri_MatchesRecordedUploadRoute()
    {
        var recorded = MlflowFixtures.Load("36_artifacts_upload_binary");

        var path = MlflowArtifactPaths.ProxyPath("mlflow-artifacts:/1/ce882bf4c52645b8b5e1f7bcc65d0743/artifacts", "model/model.pkl", Server);

        Assert.Equal(recorded.Path.TrimStart('/'), path);
    }

    [Theory]
    [InlineData("mlflow-artifacts://mlflow.example:5000/1/run/artifacts", "eval/a b.json", "api/2.0/mlflow-artifacts/artifacts/1/run/artifacts/eval/a%20b.json")]
    [InlineData("mlflow-artifacts:/7/run/artifacts/", "model/m#1.onnx", "api/2.0/mlflow-artifacts/artifacts/7/run/artifacts/model/m%231.onnx")]
    public void ProxyPath_EncodesSegmentsAndDropsAuthority(string artifactUri, string relative, string expected)
    {
        Assert.Equal(expected, MlflowArtifactPaths.ProxyPath(artifactUri, relative, Server));
    }

    [Theory]
    [InlineData("../secrets")]
    [InlineData("model/../../etc")]
    [InlineData("/etc/passwd")]
    [InlineData("model\\x")]
    public void ProxyPath_PathLeavingTheRunRoot_IsRefused(string relative)
    {
        Assert.Throws<ArgumentException>(() => MlflowArtifactPaths.ProxyPath("mlflow-artifacts:/1/run/artifacts", relative, Server));
    }

    [Fact]
    public void ProxyPath_ArtifactRootNotProxied_ExplainsServeArtifacts()
    {
        var error = Assert.Throws<Sentinel.Core.Tracking.TrackingException>(() => MlflowArtifactPaths.ProxyPath("s3://bucket/1/run/artifacts", "model/model.onnx", Server));

        Assert.Equal("UNSUPPORTED_ARTIFACT_URI", error.ErrorCode);
        Assert.Contains("--serve-artifacts", error.Message, StringComparison.Ordinal);
    }

    private static T Parse<T>(string fixture, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(MlflowFixtures.Load(fixture).ResponseBody!.Value.GetRawText(), type)!;

    private static MlflowError ParseError(string fixture)
    {
        var recorded = MlflowFixtures.Load(fixture);
        var body = recorded.ResponseBody!.Value;
        var text = body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText();
        var mediaType = recorded.ResponseContentType?.Split(';')[0];
        using var request = new HttpRequestMessage(new HttpMethod(recorded.Method), new Uri(Server, recorded.Path.TrimStart('/')));
        return MlflowErrorReader.Parse(recorded.Status, mediaType, text, request, Server);
    }
}
