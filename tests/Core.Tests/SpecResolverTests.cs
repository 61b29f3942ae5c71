using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class SpecResolverTests
{
    private static SpecialistModelDocument Doc(string name, SpecialistModelSpec? spec = null) =>
        new() { ApiVersion = "sentinel.io/v1alpha1", Kind = "SpecialistModel", Metadata = new() { Name = name }, Spec = spec };

    [Fact]
    public void Resolve_EmptySpec_TakesSeedDefaults()
    {
        var r = SpecResolver.Resolve(Doc("technical"), SeedDefaults.Builtin);

        Assert.Equal("technical", r.SpecialistType);
        Assert.Equal("technical-specialist", r.Experiment);
        Assert.Equal("technical-specialist", r.RegisteredModel);
        Assert.Equal("champion", r.ChampionAlias);
        Assert.Equal(Thresholds.Default, r.Thresholds);
        Assert.Equal(Weights.Default, r.Weights);
        Assert.Equal(TimeSpan.FromDays(30), r.FeedbackWindow);
        Assert.Equal("0 */6 * * *", r.Schedule);
        Assert.Equal(TimeSpan.FromHours(24), r.Retraining.Cooldown);
        Assert.Equal(1000, r.Retraining.DatasetGeneration.Samples);
    }

    [Fact]
    public void Resolve_SpecOverridesEnvironmentOverridesBuiltin()
    {
        var env = new Dictionary<string, string?> { ["PRECISION_THRESHOLD"] = "0.8", ["RECALL_THRESHOLD"] = "0.6" };
        var defaults = SeedDefaults.FromEnvironment(k => env.GetValueOrDefault(k));
        var spec = new SpecialistModelSpec { Thresholds = new() { Precision = 0.9 } };

        var r = SpecResolver.Resolve(Doc("legal", spec), defaults);

        Assert.Equal(0.9, r.Thresholds.Precision);
        Assert.Equal(0.6, r.Thresholds.Recall);
        Assert.Equal(0.72, r.Thresholds.F1);
    }

    [Theory]
    [InlineData(1.5, "spec.thresholds.precision")]
    [InlineData(-0.1, "spec.thresholds.precision")]
    public void Resolve_ThresholdOutsideUnitInterval_NamesField(double value, string field)
    {
        var spec = new SpecialistModelSpec { Thresholds = new() { Precision = value } };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        Assert.Contains(e.Errors, x => x.Field == field && x.Message.Contains("[0, 1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_WeightsNotSummingToOne_IsRejected()
    {
        var spec = new SpecialistModelSpec { Weights = new() { Mlflow = 0.5, Feedback = 0.3 } };

        var e = Assert.Throws<SpecValidationException>(() => SpecResolver.Resolve(Doc("technical", spec), SeedDefaults.Builtin));

        Assert.Contains(e.Errors, x => x.Field == "spec.weights");
    }

    [Fact]
    public void FromEnvironment_MalformedNumber_NamesVariable()
    {
        var e = Assert.Throws<SpecValidationException>(() => SeedDefaults.FromEnvironment(k => k == "F1_THRESHOLD" ? "high" : null));

        Assert.Contains(e.Errors, x => x.Field == "F1_THRESHOLD" && x.Message.Contains("'high'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0 */6 * * *", true)]
    [InlineData("@hourly", true)]
    [InlineData("*/15 9-17 * JAN-MAR MON-FRI", true)]
    [InlineData("0 */6 * *", false)]
    [InlineData("61 * * * *", false)]
    [InlineData("@sometimes", false)]
    [InlineData("5-1 * * * *", false)]
    public void CronSchedule_Validate(string schedule, bool valid) =>
        Assert.Equal(valid, CronSchedule.Validate(schedule) is null);
}
