using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Tests;

/// <summary>Resources and options the tests start from.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static OperatorOptions Options() => new()
    {
        MonitorImage = "registry.example.com/sentinel-monitor:1.0",
        RetrainImage = "registry.example.com/sentinel-retrain:1.0",
        GoldenImage = "registry.example.com/sentinel-golden:1.0",
        LeaderElection = new LeaderElectionOptions { Enabled = false },
    };

    public static V1Alpha1SpecialistModel Specialist(string name = "sentiment", string ns = "ml", Action<SpecialistModelSpec>? edit = null)
    {
        var s = new V1Alpha1SpecialistModel
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"uid-{name}", Generation = 1 },
            Spec = new SpecialistModelSpec { Labels = ["positive", "negative", "neutral"] },
        };
        edit?.Invoke(s.Spec);
        return s;
    }

    /// <summary>An enabled <c>spec.goldenEvaluation</c> over the ConfigMap <c>sentiment-golden</c>.</summary>
    public static GoldenEvaluationSpec Golden(Action<GoldenEvaluationSpec>? edit = null)
    {
        var g = new GoldenEvaluationSpec
        {
            Enabled = true,
            ModelServerUrl = "http://sentinel-model-server.sentinel.svc:8080",
            Dataset = new GoldenDatasetSpec { ConfigMapRef = new ConfigMapKeyRef { Name = "sentiment-golden" } },
        };
        edit?.Invoke(g);
        return g;
    }

    public static ResolvedSpecialist Resolve(V1Alpha1SpecialistModel s) => SpecResolver.Resolve(s.ToDocument(), SeedDefaults.Builtin);

    public static V1Alpha1RetrainRun Run(string name, string specialist = "sentiment", string ns = "ml", Action<RetrainRunSpec>? edit = null)
    {
        var r = new V1Alpha1RetrainRun
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"uid-{name}", Generation = 1 },
            Spec = new RetrainRunSpec { Specialist = specialist, Reason = "Manual" },
        };
        edit?.Invoke(r.Spec);
        return r;
    }

    public static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sentinel.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Sentinel.sln not found above the test directory");
        return Path.Combine([dir.FullName, .. parts]);
    }
}
