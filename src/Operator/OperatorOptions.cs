namespace Sentinel.Operator;

/// <summary>
/// The operator's settings, bound from <c>Sentinel:Operator</c> (environment: <c>Sentinel__Operator__MonitorImage</c>, …)
/// and validated at start-up by <see cref="OperatorOptionsValidator"/>.
/// </summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Sentinel:Operator";

    /// <summary>Image of the MonitorJob CLI that each specialist's CronJob runs. Required.</summary>
    public string MonitorImage { get; set; } = "";

    /// <summary>Image of the AutoRetrain CLI that each RetrainRun's Job runs. Required.</summary>
    public string RetrainImage { get; set; } = "";

    /// <summary>Image of the golden-set evaluation job (<c>sentinel-golden</c>) that runs for each specialist with <c>spec.goldenEvaluation.enabled</c>. Required.</summary>
    public string GoldenImage { get; set; } = "";

    /// <summary><c>Always</c>, <c>IfNotPresent</c> (default) or <c>Never</c>.</summary>
    public string ImagePullPolicy { get; set; } = "IfNotPresent";

    /// <summary>Namespaces to watch; empty watches every namespace.</summary>
    public IList<string> Namespaces { get; set; } = [];

    /// <summary>How often every resource is reconciled again even without a change (seconds, default 300).</summary>
    public int ResyncSeconds { get; set; } = 300;

    /// <summary>Reconciles that run at once per kind (default 4).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// ConfigMap (in the specialist's namespace) whose keys become the jobs' environment, e.g. MLFLOW_TRACKING_URI:
    /// the seed's <c>model-monitor-config</c>, which k8s/ and the chart create. Optional.
    /// </summary>
    public string? JobConfigMap { get; set; } = "model-monitor-config";

    /// <summary>Secret (in the specialist's namespace) whose keys become the jobs' environment, e.g. MONGODB_URI; created by the operator of the cluster, never by Sentinel. Optional.</summary>
    public string? JobSecret { get; set; } = "sentinel-secrets";

    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>Requests, limits and scratch space of the pods the operator launches (<c>Sentinel__Operator__JobResources__Retrain__MemoryLimit</c>, …).</summary>
    public JobResourcesOptions JobResources { get; set; } = new();
}

/// <summary>Per job kind: what its pod may use.</summary>
public sealed class JobResourcesOptions
{
    /// <summary>The monitor reads MLflow and the feedback store and runs the drift tests (1,000 × 1,000 kernel matrices).</summary>
    public JobResources Monitor { get; set; } = new() { CpuRequest = "100m", MemoryRequest = "128Mi", CpuLimit = "1", MemoryLimit = "384Mi" };

    /// <summary>The golden-set job sends a labelled file to the model server.</summary>
    public JobResources Golden { get; set; } = new() { CpuRequest = "50m", MemoryRequest = "96Mi", CpuLimit = "500m", MemoryLimit = "256Mi" };

    /// <summary>
    /// The retrain trains on up to ~100k rows: measured peaks 127 MiB for training and +95 MiB for the evaluation split of
    /// 80k rows on top of the runtime, so 1.5 GiB leaves room for the ONNX export and larger datasets.
    /// </summary>
    public JobResources Retrain { get; set; } = new() { CpuRequest = "500m", MemoryRequest = "512Mi", CpuLimit = "2", MemoryLimit = "1536Mi", DataSizeLimit = "4Gi" };
}

/// <summary>Kubernetes quantities (e.g. <c>500m</c>, <c>512Mi</c>) for one container, and the size of its scratch volumes.</summary>
public sealed class JobResources
{
    public string CpuRequest { get; set; } = "100m";
    public string MemoryRequest { get; set; } = "128Mi";
    public string CpuLimit { get; set; } = "1";
    public string MemoryLimit { get; set; } = "512Mi";
    /// <summary>Size limit of the <c>/tmp</c> emptyDir.</summary>
    public string TemporarySizeLimit { get; set; } = "1Gi";
    /// <summary>Size limit of the data directory's emptyDir (datasets).</summary>
    public string DataSizeLimit { get; set; } = "1Gi";
}

public sealed class LeaderElectionOptions
{
    /// <summary>Run only while holding the Lease (default true). Turn off only for a single replica started by hand.</summary>
    public bool Enabled { get; set; } = true;

    public string LeaseName { get; set; } = "sentinel-operator";

    /// <summary>Namespace of the Lease: the operator's own namespace. Required when enabled.</summary>
    public string LeaseNamespace { get; set; } = "";

    /// <summary>This replica's identity in the Lease; defaults to the host (pod) name.</summary>
    public string? Identity { get; set; }

    public int LeaseDurationSeconds { get; set; } = 15;
    public int RenewDeadlineSeconds { get; set; } = 10;
    public int RetryPeriodSeconds { get; set; } = 2;
}
