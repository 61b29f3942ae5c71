using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;

namespace Sentinel.Adapters.Kubernetes;

/// <summary>
/// The client's configuration, found where <see cref="KubernetesClientConfiguration.BuildDefaultConfig"/> looks for it
/// (<c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else the pod's service account), with one difference: a single
/// kubeconfig file is read with a plain YAML deserializer into the client's own model and handed to the client
/// (<see cref="KubernetesClientConfiguration.BuildConfigFromConfigObject"/>), which resolves contexts, credentials,
/// certificates and exec plugins as usual. The client's own reader first builds YAML mappings for every Kubernetes API
/// type it knows, which keeps about 35 MiB resident for the life of the process — a third of what the operator needs
/// for 1,000 specialists (bench/README.md). Several files in <c>KUBECONFIG</c> are merged by the client's reader.
/// </summary>
public static class ClientConfiguration
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    public static KubernetesClientConfiguration Build() =>
        Build(Environment.GetEnvironmentVariable("KUBECONFIG"), KubernetesClientConfiguration.KubeConfigDefaultLocation);

    /// <summary><paramref name="variable"/>: the value of <c>KUBECONFIG</c>; <paramref name="defaultLocation"/>: <c>~/.kube/config</c>.</summary>
    internal static KubernetesClientConfiguration Build(string? variable, string defaultLocation)
    {
        if (!string.IsNullOrWhiteSpace(variable))
        {
            var files = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => f.Trim('"')).ToArray();
            return files.Length == 1 ? FromFile(files[0], "KUBECONFIG") : KubernetesClientConfiguration.BuildDefaultConfig();
        }
        if (File.Exists(defaultLocation)) return FromFile(defaultLocation, "the default location");
        return KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig() : KubernetesClientConfiguration.BuildDefaultConfig();
    }

    /// <summary>The configuration of the current context of one kubeconfig file; <paramref name="from"/> says where its path came from.</summary>
    public static KubernetesClientConfiguration FromFile(string path, string from)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new KubeConfigException($"kubeconfig file {full} ({from}) does not exist; point KUBECONFIG at a kubeconfig file or unset it");
        K8SConfiguration? config;
        try
        {
            config = Yaml.Deserialize<K8SConfiguration>(File.ReadAllText(full));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new KubeConfigException($"kubeconfig file {full} ({from}) is not valid YAML at line {e.Start.Line}: {e.Message}");
        }
        if (config is null) throw new KubeConfigException($"kubeconfig file {full} ({from}) is empty");
        config.FileName = full; // relative certificate and key paths are relative to the file
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(config);
    }
}
