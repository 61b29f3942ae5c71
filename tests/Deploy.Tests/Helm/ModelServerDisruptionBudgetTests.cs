using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Helm;

/// <summary>The model server's PodDisruptionBudget: on by default, one budget field, never one that blocks every drain.</summary>
public sealed class ModelServerDisruptionBudgetTests
{
    private const string Budget = "modelServer.podDisruptionBudget";

    [Fact]
    public void Defaults_AllowOnePodDownAtATime_SelectingTheModelServerPods()
    {
        var set = ObjectSet.Chart();
        var pdb = set.Single("PodDisruptionBudget");
        var deployment = set.Workload("model-server");

        Assert.Equal("policy/v1", (string?)pdb["apiVersion"]);
        Assert.Equal(ObjectSet.Name(deployment), ObjectSet.Name(pdb));
        Assert.Equal(1, (int?)pdb["spec"]!["maxUnavailable"]);
        Assert.Null(pdb["spec"]!["minAvailable"]);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(deployment["spec"]!["selector"], pdb["spec"]!["selector"]));
    }

    [Theory]
    [InlineData("minAvailable=1", "minAvailable", "1")]
    [InlineData("minAvailable=50%", "minAvailable", "50%")]
    [InlineData("maxUnavailable=25%", "maxUnavailable", "25%")]
    [InlineData("maxUnavailable=2", "maxUnavailable", "2")]
    public void OneBudgetField_IsRenderedAsGiven_AndTheOtherLeftOut(string value, string field, string expected)
    {
        var spec = ObjectSet.Chart($"{Budget}.{value}").Single("PodDisruptionBudget")["spec"]!;

        Assert.Equal(expected, spec[field]!.ToString());
        Assert.Null(spec[field == "minAvailable" ? "maxUnavailable" : "minAvailable"]);
    }

    [Theory]
    [InlineData("minAvailable=2")] // the HPA's two replicas, both required
    [InlineData("minAvailable=100%")]
    [InlineData("minAvailable=51%")] // rounded up: 2 of 2
    [InlineData("maxUnavailable=0")]
    [InlineData("maxUnavailable=0%")]
    public void BudgetThatWouldBlockEveryEviction_IsNotRendered_AndNotesSaySo(string value)
    {
        var set = ObjectSet.Chart($"{Budget}.{value}");
        var install = Tools.Helm("install", "sentinel", Repo.Chart, "--namespace", "ml", "--dry-run=client", "--set", $"{Budget}.{value}");

        Assert.Empty(set.OfKind("PodDisruptionBudget"));
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("No PodDisruptionBudget was created for the model server", install.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void MinAvailableOne_WithOneFixedReplica_IsNotRendered_ButWithTwoItIs()
    {
        string[] one = ["modelServer.autoscaling.enabled=false", "modelServer.replicas=1", $"{Budget}.minAvailable=1"];

        Assert.Empty(ObjectSet.Chart(one).OfKind("PodDisruptionBudget"));
        Assert.Single(ObjectSet.Chart([.. one[..^2], "modelServer.replicas=2", $"{Budget}.minAvailable=1"]).OfKind("PodDisruptionBudget"));
        Assert.Single(ObjectSet.Chart(one[..^1]).OfKind("PodDisruptionBudget")); // maxUnavailable 1 never blocks
    }

    [Fact]
    public void DisabledOrWithoutModelServer_RendersNoBudget()
    {
        Assert.Empty(ObjectSet.Chart($"{Budget}.enabled=false").OfKind("PodDisruptionBudget"));
        Assert.Empty(ObjectSet.Chart("modelServer.enabled=false").OfKind("PodDisruptionBudget"));
    }

    [Fact]
    public void BothFields_AreRefusedNamingThem()
    {
        var result = Tools.Helm("template", "x", Repo.Chart, "--set", $"{Budget}.minAvailable=1", "--set", $"{Budget}.maxUnavailable=1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("modelServer.podDisruptionBudget sets both minAvailable (1) and maxUnavailable (1)", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxUnavailable=-1", "/modelServer/podDisruptionBudget/maxUnavailable")]
    [InlineData("minAvailable=150%", "/modelServer/podDisruptionBudget/minAvailable")]
    [InlineData("minAvailable=half", "/modelServer/podDisruptionBudget/minAvailable")]
    [InlineData("maxUnavailabel=1", "maxUnavailabel")]
    public void ValueOutsideTheSchema_IsRefusedNamingIt(string value, string named)
    {
        var result = Tools.Helm("template", "x", Repo.Chart, "--set", $"{Budget}.{value}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
    }
}
