using Sentinel.Testing.Servers;

namespace Sentinel.Testing.Kube;

/// <summary>
/// A real Kubernetes control plane on 127.0.0.1 for the tests that must prove behaviour against the real API server
/// (what it validates, prunes and authorizes; what a controller sees when it restarts): etcd, kube-apiserver 1.24 and
/// optionally kube-controller-manager, started by <c>shared/tools/kubernetes/control-plane.sh</c> in a directory of
/// its own and stopped on dispose. The admin credentials are in <see cref="Kubeconfig"/>.
/// </summary>
public sealed class ControlPlane : IAsyncDisposable
{
    private const string InstallHint = "run scripts/install-test-deps.sh (it installs Debian etcd-server)";
    private static readonly string Script = RepositoryPaths.Shared(Path.Combine("tools", "kubernetes", "control-plane.sh"));

    private ControlPlane(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    /// <summary>Data, keys, logs (<c>logs/kube-apiserver.log</c>) and pid files of this control plane.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>A kubeconfig for the admin user (group system:masters).</summary>
    public string Kubeconfig => Path.Combine(Directory, "admin.kubeconfig");

    public string AdminToken => File.ReadAllText(Path.Combine(Directory, "admin.token")).Trim();

    public Uri Address => new($"https://127.0.0.1:{Port}/");

    /// <summary>A client with the admin's credentials that retries the v1.24.0 CEL race (<see cref="CelRaceRetryHandler"/>).</summary>
    public k8s.Kubernetes NewAdminClient() =>
        new(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig), new CelRaceRetryHandler());

    public static async Task<ControlPlane> StartAsync(bool controllerManager = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sentinel-control-plane-" + Guid.NewGuid().ToString("N")[..8]);
        var plane = new ControlPlane(directory, LocalServerProcess.FreePort());
        string[] arguments = controllerManager
            ? ["start", directory, "--port", plane.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--controller-manager"]
            : ["start", directory, "--port", plane.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        try
        {
            await RunAsync(arguments, TimeSpan.FromMinutes(3));
        }
        catch
        {
            await plane.DisposeAsync();
            throw;
        }
        return plane;
    }

    /// <summary>Takes the API server away for <paramref name="down"/> (connections refused), then starts it again and waits until it is ready.</summary>
    public Task RestartApiServerAsync(TimeSpan down) =>
        RunAsync(["restart-apiserver", Directory, ((int)Math.Ceiling(down.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(2) + down);

    public async ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            await RunAsync(["stop", Directory], TimeSpan.FromMinutes(1));
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static Task RunAsync(string[] arguments, TimeSpan timeout) =>
        ToolScript.RunAsync(Script, arguments, timeout, "etcd not found", InstallHint);
}
