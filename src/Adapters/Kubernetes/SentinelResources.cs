namespace Sentinel.Adapters.Kubernetes;

/// <summary>Names of Sentinel's custom resources as the API server knows them (group <c>sentinel.io</c>, version <c>v1alpha1</c>).</summary>
public static class SentinelResources
{
    public const string Group = "sentinel.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;

    public const string SpecialistModelKind = "SpecialistModel";
    public const string SpecialistModelPlural = "specialistmodels";

    public const string RetrainRunKind = "RetrainRun";
    public const string RetrainRunPlural = "retrainruns";

    /// <summary>Label on every object Sentinel creates for a specialist: its SpecialistModel's name.</summary>
    public const string SpecialistLabel = "sentinel.io/specialist";

    /// <summary>Label on a retrain Job: the RetrainRun it runs.</summary>
    public const string RetrainRunLabel = "sentinel.io/retrain-run";
}
