using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Deploy.Tests.Support;
using Sentinel.Operator;
using Sentinel.Operator.Desired;

namespace Sentinel.Deploy.Tests.Manifests;

/// <summary>
/// The jobs the installed operator would start: its Deployment's environment bound to <see cref="OperatorOptions"/> as
/// the operator binds it, then the operator's own desired-state functions.
/// </summary>
public sealed class OperatorJobsTests
{
    private static readonly V1Alpha1SpecialistModel Specialist = new()
    {
        ApiVersion = SentinelResources.ApiVersion, Kind = SentinelResources.SpecialistModelKind,
        Metadata = new V1ObjectMeta { Name = "sentiment", NamespaceProperty = ObjectSet.Namespace, Uid = "uid-1" },
        Spec = new SpecialistModelSpec { Labels = ["positive", "negative", "neutral"] },
    };

    /// <summary>The operator's options from the plain values of its container's environment (fieldRefs as the kubelet fills them).</summary>
    private static OperatorOptions Bound(ObjectSet set)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var e in ObjectSet.Container(set.Workload("operator"))["env"]!.AsArray())
        {
            var name = (string)e!["name"]!;
            var value = (string?)e["value"] ?? ((string?)e["valueFrom"]?["fieldRef"]?["fieldPath"] == "metadata.namespace" ? ObjectSet.Namespace : "sentinel-operator-0");
            values[name.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        var options = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(OperatorOptions.SectionName).Get<OperatorOptions>();
        return Assert.IsType<OperatorOptions>(options);
    }

    private static JsonObject ConfigMap(ObjectSet set) => set.Single("ConfigMap", c => ObjectSet.Name(c) == "model-monitor-config");

    private static string SecretTheModelServerReads(ObjectSet set) =>
        (string)ObjectSet.Container(set.Workload("model-server"))["envFrom"]!.AsArray().Single(e => e!["secretRef"] is not null)!["secretRef"]!["name"]!;

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void DeploymentEnvironment_PassesTheOperatorsStartUpValidation(string source)
    {
        var result = new OperatorOptionsValidator().Validate(null, Bound(Sources.Get(source)));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void Jobs_ReadTheConfigMapAndSecretTheInstallNames_AndCarryTheirResource(string source)
    {
        var set = Sources.Get(source);
        var options = Bound(set);
        var resolved = SpecResolver.Resolve(Specialist.ToDocument(), SeedDefaults.Builtin);
        var run = new V1Alpha1RetrainRun
        {
            Metadata = new V1ObjectMeta { Name = "sentiment-manual", NamespaceProperty = ObjectSet.Namespace, Uid = "uid-2" },
            Spec = new RetrainRunSpec { Specialist = "sentiment" },
        };
        var monitor = MonitorCronJob.For(Specialist, resolved, options).Spec.JobTemplate.Spec.Template.Spec.Containers.Single();
        var retrain = RetrainJob.For(run, Specialist, resolved, options).Spec.Template.Spec.Containers.Single();

        foreach (var container in new[] { monitor, retrain })
        {
            Assert.Equal(ObjectSet.Name(ConfigMap(set)), Assert.Single(container.EnvFrom, e => e.ConfigMapRef is not null).ConfigMapRef.Name);
            Assert.Equal(SecretTheModelServerReads(set), Assert.Single(container.EnvFrom, e => e.SecretRef is not null).SecretRef.Name);
            var names = container.Env.Select(e => e.Name).ToList();
            Assert.Subset(names.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)
                { JobEnvironment.ResourceVariable, JobEnvironment.NamespaceVariable, JobEnvironment.SpecVariable });
            // The operator's own variables come from the resource, never from the shared ConfigMap.
            Assert.DoesNotContain(ConfigMap(set)["data"]!.AsObject(), kv => kv.Key.StartsWith("SENTINEL_", StringComparison.Ordinal));
        }
        Assert.Equal("sentiment-manual", retrain.Env.Single(e => e.Name == JobEnvironment.RetrainRunVariable).Value);
        Assert.Equal((options.MonitorImage, options.RetrainImage), (monitor.Image, retrain.Image));
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void GoldenJob_OfTheSample_RunsTheGoldenImage_ReadsTheInstallsSettings_AndReachesItsModelServer(string source)
    {
        var set = Sources.Get(source);
        var options = Bound(set);
        var sample = KubernetesYaml.LoadAllFromString(Repo.Read("k8s", "samples", "specialistmodel-sentiment.yaml"), new Dictionary<string, Type>
        {
            [$"{SentinelResources.ApiVersion}/{SentinelResources.SpecialistModelKind}"] = typeof(V1Alpha1SpecialistModel),
        }).OfType<V1Alpha1SpecialistModel>().Single();
        var resolved = SpecResolver.Resolve(sample.ToDocument(), SeedDefaults.Builtin);

        var golden = Assert.IsType<V1CronJob>(GoldenCronJob.For(sample, resolved, options)).Spec.JobTemplate.Spec.Template.Spec.Containers.Single();

        Assert.Equal(options.GoldenImage, golden.Image);
        Assert.Equal(ObjectSet.Name(ConfigMap(set)), Assert.Single(golden.EnvFrom, e => e.ConfigMapRef is not null).ConfigMapRef.Name);
        Assert.Equal(SecretTheModelServerReads(set), Assert.Single(golden.EnvFrom, e => e.SecretRef is not null).SecretRef.Name);
        // The sample's URL names the install's model server Service by its cluster DNS name and port.
        var url = new Uri(golden.Env.Single(e => e.Name == GoldenCronJob.ModelServerUrlVariable).Value);
        var host = url.Host.Split('.');
        var service = set.Single("Service", x => ObjectSet.Name(x) == host[0] && (string?)x["metadata"]!["labels"]!["app.kubernetes.io/component"] == "model-server");
        Assert.Equal((ObjectSet.Namespace, "svc"), (host[1], host[2]));
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (int?)p!["port"] == url.Port);
    }

    [Fact]
    public void OperatorDefaults_NameTheConfigMapAndSecretTheInstallCreates()
    {
        var defaults = new OperatorOptions();
        var chart = Sources.Get(Sources.Chart);

        Assert.Equal(ObjectSet.Name(ConfigMap(chart)), defaults.JobConfigMap);
        Assert.Equal(SecretTheModelServerReads(chart), defaults.JobSecret);
    }
}
