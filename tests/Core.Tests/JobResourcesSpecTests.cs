using System.Text.Json;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class JobResourcesSpecTests
{
    private static ResolvedJobResources Resolve(JobResourcesSpec? resources) => SpecResolver.Resolve(new SpecialistModelDocument
    {
        Metadata = new() { Name = "technical" },
        Spec = new SpecialistModelSpec { JobResources = resources },
    }, SeedDefaults.Builtin).JobResources;

    [Fact]
    public void Resolve_NothingSet_LeavesEveryPodToTheOperatorsDefaults() => Assert.Equal(ResolvedJobResources.None, Resolve(null));

    [Fact]
    public void Resolve_WrittenAsInAPodSpec_NumbersAndStrings_KeepsWhatIsSetOnly()
    {
        // As a SpecialistModel arrives from the API server: cpu may be a number.
        var spec = JsonSerializer.Deserialize<JobResourcesSpec>("""{"retrain": {"requests": {"cpu": 2, "memory": "3Gi"}, "limits": {"memory": "6Gi"}}, "monitor": {"limits": {"cpu": 0.5}}}""")!;

        var r = Resolve(spec);

        Assert.Equal(new ResolvedContainerResources("2", "3Gi", null, "6Gi"), r.Retrain);
        Assert.Equal(new ResolvedContainerResources(null, null, "0.5", null), r.Monitor);
        Assert.Equal(ResolvedContainerResources.None, r.Golden);
    }

    [Theory]
    [InlineData("lots", "spec.jobResources.retrain.limits.memory", "not a positive Kubernetes quantity")]
    [InlineData("0", "spec.jobResources.retrain.limits.memory", "not a positive Kubernetes quantity")]
    [InlineData("-1Gi", "spec.jobResources.retrain.limits.memory", "not a positive Kubernetes quantity")]
    [InlineData("512m", "spec.jobResources.retrain.limits.memory", "thousandths of a byte")]
    public void Resolve_ABadQuantity_NamesTheFieldAndTheFix(string memory, string field, string why)
    {
        var e = Assert.Throws<SpecValidationException>(() => Resolve(new JobResourcesSpec
        {
            Retrain = new ContainerResourcesSpec { Limits = new ResourceQuantitiesSpec { Memory = memory } },
        }));

        var error = Assert.Single(e.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. 4Gi", error.Message, StringComparison.Ordinal);
    }
}
