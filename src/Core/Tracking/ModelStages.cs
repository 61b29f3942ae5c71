namespace Sentinel.Core.Tracking;

/// <summary>MLflow's model version stages that Sentinel writes (with <c>spec.retraining.promotion.transitionStage: true</c>).</summary>
public static class ModelStages
{
    public const string None = "None";

    public const string Production = "Production";
}
