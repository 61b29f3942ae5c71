using System.Text.Json;
using Sentinel.Testing.Mlflow;

namespace Sentinel.Adapters.Mlflow.Tests;

/// <summary>The double answers each recorded request as the real MLflow server did: status, content type, error code, keys and values.</summary>
public sealed class MlflowDoubleContractTests(RecordedSession session) : IClassFixture<RecordedSession>
{
    public static TheoryData<string> Fixtures => new(RecordedSession.Replayed);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Double_RecordedRequest_AnswersAsMlflowDid(string name)
    {
        var fixture = MlflowFixtures.Load(name);
        var answer = session.Answers[fixture.File];

        Assert.Equal(fixture.Status, answer.Status);
        Assert.Equal(fixture.ResponseContentType, answer.ContentType);
        switch (fixture.ResponseBody)
        {
            case null:
                Assert.Equal("", answer.Body);
                break;
            case { ValueKind: JsonValueKind.String } text:
                Assert.Equal(session.MapIds(text.GetString()!), answer.Body);
                break;
            case { } json:
                using (var expected = JsonDocument.Parse(session.MapIds(json.GetRawText())))
                using (var actual = JsonDocument.Parse(answer.Body))
                {
                    Assert.Equal(fixture.ErrorCode, actual.RootElement.TryGetProperty("error_code", out var code) ? code.GetString() : null);
                    Assert.Empty(JsonShape.Differences(expected.RootElement, actual.RootElement));
                }
                break;
        }
    }

    [Fact]
    public void Fixtures_EveryRecordedFileIsReplayedOrKnownUnimplemented()
    {
        string[] unimplemented =
        [
            "09_experiments_search_page1", "10_experiments_search_page2", "11_experiments_search_get", "22_metrics_get_history",
            "31_metrics_get_history_non_numeric", "44_artifacts_list", "45_artifacts_list_subdir", "46_get_artifact_ui_route",
            "57_model_versions_get_download_uri_runs", "58_model_versions_get_download_uri", "59_model_version_get_artifact_runs_uri",
            "60_model_version_get_artifact_proxied_uri", "82_model_versions_search_page1", "83_model_versions_search_page2",
            "84_model_versions_search_by_run", "85_model_versions_search_bad_filter", "86_registered_models_search", "87_model_versions_set_tag",
            "88_model_versions_update", "89_registered_models_set_tag", "90_model_versions_delete", "91_registered_models_delete",
        ];

        var recorded = MlflowFixtures.Files().Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet();

        Assert.Equal(recorded.Order(), RecordedSession.Replayed.Concat(unimplemented).Order());
    }
}
