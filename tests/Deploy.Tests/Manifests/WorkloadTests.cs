using System.Reflection;
using System.Text.Json.Nodes;
using Sentinel.Deploy.Tests.Support;
using Sentinel.Operator;

namespace Sentinel.Deploy.Tests.Manifests;

/// <summary>The operator and model server Deployments: images, security, probes, resources and settings.</summary>
public sealed class WorkloadTests
{
    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void Images_AreTheFourApplicationImagesAtTheAppVersion(string source)
    {
        var set = Sources.Get(source);
        var op = ObjectSet.Container(set.Workload("operator"));

        Assert.Equal("sentinel-operator:0.1.0", (string?)op["image"]);
        Assert.Equal("sentinel-monitor:0.1.0", ObjectSet.Env(op, "Sentinel__Operator__MonitorImage"));
        Assert.Equal("sentinel-retrain:0.1.0", ObjectSet.Env(op, "Sentinel__Operator__RetrainImage"));
        Assert.Equal("sentinel-golden:0.1.0", ObjectSet.Env(op, "Sentinel__Operator__GoldenImage"));
        Assert.Equal("sentinel-model-server:0.1.0", (string?)ObjectSet.Container(set.Workload("model-server"))["image"]);
        Assert.Equal("IfNotPresent", ObjectSet.Env(op, "Sentinel__Operator__ImagePullPolicy"));
    }

    [Fact]
    public void Images_RegistryAndTagValues_ApplyToEveryImageIncludingTheJobs()
    {
        var set = ObjectSet.Chart("image.registry=ghcr.io/acme/", "image.tag=2.0.1", "operator.retrainImage.tag=2.0.2", "operator.goldenImage.tag=2.0.3", "image.pullPolicy=Always");
        var op = ObjectSet.Container(set.Workload("operator"));

        Assert.Equal("ghcr.io/acme/sentinel-operator:2.0.1", (string?)op["image"]);
        Assert.Equal("ghcr.io/acme/sentinel-monitor:2.0.1", ObjectSet.Env(op, "Sentinel__Operator__MonitorImage"));
        Assert.Equal("ghcr.io/acme/sentinel-retrain:2.0.2", ObjectSet.Env(op, "Sentinel__Operator__RetrainImage"));
        Assert.Equal("ghcr.io/acme/sentinel-golden:2.0.3", ObjectSet.Env(op, "Sentinel__Operator__GoldenImage"));
        Assert.Equal("ghcr.io/acme/sentinel-model-server:2.0.1", (string?)ObjectSet.Container(set.Workload("model-server"))["image"]);
        Assert.Equal("Always", ObjectSet.Env(op, "Sentinel__Operator__ImagePullPolicy"));
        Assert.Equal("Always", (string?)op["imagePullPolicy"]);
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void EveryPod_RunsRestricted_NonRootReadOnlyNoEscalationNoCapabilitiesRuntimeDefaultSeccomp(string source)
    {
        var set = Sources.Get(source);
        foreach (var workload in set.OfKind("Deployment"))
        {
            var pod = ObjectSet.PodSpec(workload);
            var name = ObjectSet.Name(workload);
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, $"{name}: runAsNonRoot");
            Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]?["seccompProfile"]?["type"]);
            foreach (var c in pod["containers"]!.AsArray())
            {
                var sc = c!["securityContext"]!;
                Assert.True((bool?)sc["allowPrivilegeEscalation"] == false, $"{name}: allowPrivilegeEscalation");
                Assert.True((bool?)sc["readOnlyRootFilesystem"] == true, $"{name}: readOnlyRootFilesystem");
                Assert.Equal(["ALL"], sc["capabilities"]!["drop"]!.AsArray().Select(x => (string?)x));
                Assert.Null(sc["capabilities"]!["add"]);
                Assert.NotNull(c["resources"]?["requests"]?["cpu"]);
                Assert.NotNull(c["resources"]?["requests"]?["memory"]);
                Assert.NotNull(c["resources"]?["limits"]?["memory"]);
                var tmp = Assert.Single(c["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/tmp")!;
                Assert.NotNull(pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)tmp["name"])!["emptyDir"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void Operator_ProbesHealthzAndReadyzOnItsHttpPort(string source)
    {
        var op = ObjectSet.Container(Sources.Get(source).Workload("operator"));

        Assert.Equal("/healthz", (string?)op["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)op["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http", (string?)op["livenessProbe"]!["httpGet"]!["port"]);
        Assert.Equal(8080, (int?)op["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!["containerPort"]);
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void OperatorEnvironment_BindsOnlyToExistingOperatorOptions(string source)
    {
        var op = ObjectSet.Container(Sources.Get(source).Workload("operator"));
        var names = op["env"]!.AsArray().Select(e => (string)e!["name"]!).Where(n => n.StartsWith("Sentinel__Operator__", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var type = typeof(OperatorOptions);
            foreach (var part in name["Sentinel__Operator__".Length..].Split("__").Where(p => !int.TryParse(p, out _)))
            {
                var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance);
                Assert.True(property is not null, $"{name}: OperatorOptions has no property {part} on {type.Name}");
                type = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
            }
        }
        var leaseNamespace = op["env"]!.AsArray().Single(e => (string?)e!["name"] == "Sentinel__Operator__LeaderElection__LeaseNamespace")!;
        Assert.Equal("metadata.namespace", (string?)leaseNamespace["valueFrom"]!["fieldRef"]!["fieldPath"]);
    }

    [Fact]
    public void Operator_WatchNamespacesValue_BecomesTheNamespacesList()
    {
        var op = ObjectSet.Container(ObjectSet.Chart("operator.watchNamespaces={ml-prod,ml-staging}").Workload("operator"));

        Assert.Equal("ml-prod", ObjectSet.Env(op, "Sentinel__Operator__Namespaces__0"));
        Assert.Equal("ml-staging", ObjectSet.Env(op, "Sentinel__Operator__Namespaces__1"));
    }

    [Theory]
    [MemberData(nameof(Sources.Both), MemberType = typeof(Sources))]
    public void ModelServer_ServiceAndAutoscalerPointAtItsDeployment(string source)
    {
        var set = Sources.Get(source);
        var deployment = set.Workload("model-server");
        var pod = ObjectSet.PodSpec(deployment);
        var service = set.Single("Service", s => (string?)s["spec"]!["selector"]!["app.kubernetes.io/component"] == "model-server");
        var hpa = set.Single("HorizontalPodAutoscaler");

        Assert.Equal("http", (string?)service["spec"]!["ports"]![0]!["targetPort"]);
        Assert.Contains(ObjectSet.Container(deployment)["ports"]!.AsArray(), p => (string?)p!["name"] == "http");
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(service["spec"]!["selector"]!.AsObject(), kv => Assert.Equal((string?)kv.Value, (string?)podLabels[kv.Key]));
        Assert.Equal(ObjectSet.Name(deployment), (string?)hpa["spec"]!["scaleTargetRef"]!["name"]);
        Assert.InRange((int)hpa["spec"]!["minReplicas"]!, 1, (int)hpa["spec"]!["maxReplicas"]!);
        Assert.Null(deployment["spec"]!["replicas"]);
        Assert.False((bool?)pod["automountServiceAccountToken"] ?? true);
    }

    [Fact]
    public void ModelServer_WithoutAutoscaling_HasFixedReplicasAndNoAutoscaler()
    {
        var set = ObjectSet.Chart("modelServer.autoscaling.enabled=false", "modelServer.replicas=3");

        Assert.Empty(set.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal(3, (int?)set.Workload("model-server")["spec"]!["replicas"]);
    }

    [Fact]
    public void Chart_WithModelServerDisabled_RendersOnlyTheOperator()
    {
        var set = ObjectSet.Chart("modelServer.enabled=false");

        Assert.Single(set.OfKind("Deployment"));
        Assert.Empty(set.OfKind("HorizontalPodAutoscaler"));
        Assert.DoesNotContain(set.All, o => (string?)o["metadata"]!["labels"]?["app.kubernetes.io/component"] == "model-server");
    }
}
