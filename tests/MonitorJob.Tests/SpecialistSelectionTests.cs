using Sentinel.Adapters.Hosting.Specs;
using Sentinel.Core.Specs;
using Sentinel.MonitorJob.Monitoring;

namespace Sentinel.MonitorJob.Tests;

public sealed class SpecialistSelectionTests
{
    private static LoadedSpecialist Spec(string name, string? type = null) =>
        new("test", new SpecialistModelDocument { Metadata = new() { Name = name }, Spec = new() { SpecialistType = type } });

    [Fact]
    public void Select_All_ReturnsEverySpecialist() =>
        Assert.Equal(2, SpecialistSelection.Select([Spec("a"), Spec("b")], "all", SeedDefaults.Builtin).Count);

    [Fact]
    public void Select_ByResourceNameOrType_FindsIt()
    {
        var specs = new[] { Spec("legal-prod", "legal"), Spec("b") };

        Assert.Equal("legal", Assert.Single(SpecialistSelection.Select(specs, "legal-prod", SeedDefaults.Builtin)).SpecialistType);
        Assert.Equal("legal", Assert.Single(SpecialistSelection.Select(specs, "legal", SeedDefaults.Builtin)).SpecialistType);
    }

    [Fact]
    public void Select_SameTypeTwice_IsRefused()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecialistSelection.Select([Spec("a", "x"), Spec("b", "x")], "all", SeedDefaults.Builtin));

        Assert.Contains("declared more than once: x", e.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_InvalidUnselectedSpec_IsStillReported()
    {
        var bad = new LoadedSpecialist("bad.yaml", new SpecialistModelDocument { Metadata = new() { Name = "Bad_Name" } });

        var e = Assert.Throws<SpecValidationException>(() => SpecialistSelection.Select([Spec("a"), bad], "a", SeedDefaults.Builtin));

        Assert.Equal("bad.yaml", e.Source);
    }
}
