using System.Globalization;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>
/// The CronJob that runs the golden-set evaluation for one specialist (<c>spec.goldenEvaluation</c>): the served
/// champion predicts a fixed labelled dataset, mounted from a ConfigMap, and the outcome becomes golden feedback.
/// </summary>
public static class GoldenCronJob
{
    public const string Component = "golden";
    public const string MountPath = "/golden";
    public const string VolumeName = "golden-set";
    public const long ActiveDeadlineSeconds = 1800;

    // The golden job reads these; one spelling for both sides.
    public const string SpecialistTypeVariable = "SPECIALIST_TYPE";
    public const string GoldenSetPathVariable = "GOLDEN_SET_PATH";
    public const string ModelServerUrlVariable = "MODEL_SERVER_URL";
    public const string MaxItemsVariable = "GOLDEN_MAX_ITEMS";

    /// <summary>Where the dataset's key appears inside the container.</summary>
    public static string FilePath(ResolvedGoldenEvaluation golden)
    {
        ArgumentNullException.ThrowIfNull(golden);
        return $"{MountPath}/{golden.Key}";
    }

    /// <summary>The CronJob of the specialist's golden evaluation, or null when it is disabled and no CronJob should exist.</summary>
    public static V1CronJob? For(V1Alpha1SpecialistModel specialist, ResolvedSpecialist resolved, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(options);
        var golden = resolved.GoldenEvaluation;
        // The resolver requires the URL and the ConfigMap of an enabled evaluation.
        if (!golden.Enabled || golden.ModelServerUrl is not { } url || golden.ConfigMapName is not { } configMap) return null;

        var container = new V1Container
        {
            Name = Component,
            Image = options.GoldenImage,
            ImagePullPolicy = options.ImagePullPolicy,
            Env =
            [
                new V1EnvVar { Name = SpecialistTypeVariable, Value = resolved.SpecialistType },
                new V1EnvVar { Name = GoldenSetPathVariable, Value = FilePath(golden) },
                new V1EnvVar { Name = ModelServerUrlVariable, Value = url },
                new V1EnvVar { Name = MaxItemsVariable, Value = golden.MaxItems.ToString(CultureInfo.InvariantCulture) },
            ],
            EnvFrom = JobEnvironment.Shared(options),
            VolumeMounts = [new V1VolumeMount { Name = VolumeName, MountPath = MountPath, ReadOnlyProperty = true }],
        };
        var pod = new V1PodSpec
        {
            // The job calls the model server only, never the Kubernetes API: no token in the pod.
            AutomountServiceAccountToken = false,
            Volumes =
            [
                new V1Volume
                {
                    Name = VolumeName,
                    ConfigMap = new V1ConfigMapVolumeSource { Name = configMap, Items = [new V1KeyToPath { Key = golden.Key, Path = golden.Key }] },
                },
            ],
        };
        return SpecialistCronJob.For(specialist, Names.GoldenCronJob(specialist.Metadata.Name), Component, golden.Schedule, resolved.Suspend,
            container, ActiveDeadlineSeconds, SpecialistJobResources.Golden(options, resolved), pod);
    }
}
