using System.Globalization;

namespace Sentinel.Operator.Bench;

/// <summary>
/// Command-line settings: <c>[--apiserver double|real] [--count 1000] [--namespaces 10] [--timeout-seconds 120]
/// [--operator path/to/sentinel-operator.dll] [--server-gc true|false] [--workers N] [--failover true|false]</c>; without <c>--server-gc</c> the operator runs
/// with the garbage collector its build sets, and <c>--workers</c> sets its reconcile workers per kind (default 4). <c>--apiserver real</c> starts a real etcd and kube-apiserver (the
/// shared control-plane script) instead of the in-process double; <c>--failover false</c> leaves out its leader-failover rounds.
/// </summary>
internal sealed record BenchSettings(int Count, int Namespaces, TimeSpan Timeout, TimeSpan PollInterval, string OperatorDll, bool? ServerGc, bool RealApiServer, int? Workers, bool Failover)
{
    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected '--name value' pairs, got '{args[i]}'; options: --apiserver, --count, --namespaces, --timeout-seconds, --operator, --server-gc, --workers, --failover");
            values[args[i][2..]] = args[i + 1];
        }
        var dll = values.GetValueOrDefault("operator") ?? RepoFile("src", "Operator", "bin", "Release", "net10.0", "sentinel-operator.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"operator assembly {dll} not found: build it first with 'dotnet build -c Release src/Operator', or pass --operator <path>", dll);
        return new BenchSettings(Int(values, "count", 1000), Int(values, "namespaces", 10),
            TimeSpan.FromSeconds(Int(values, "timeout-seconds", 120)), TimeSpan.FromMilliseconds(25), Path.GetFullPath(dll),
            values.TryGetValue("server-gc", out var gc) ? bool.TryParse(gc, out var on) ? on : throw new ArgumentException($"--server-gc '{gc}' is not true or false") : null,
            values.GetValueOrDefault("apiserver", "double") switch
            {
                "double" => false,
                "real" => true,
                var other => throw new ArgumentException($"--apiserver '{other}' is neither 'double' (the in-process API double) nor 'real' (etcd and kube-apiserver 1.24)"),
            },
            values.ContainsKey("workers") ? Int(values, "workers", 4) : null,
            values.TryGetValue("failover", out var failover) ? bool.TryParse(failover, out var f) ? f : throw new ArgumentException($"--failover '{failover}' is not true or false") : true);
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--{name} '{text}' is not a positive whole number")
            : fallback;

    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sentinel.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Sentinel.sln not found above the benchmark's directory; pass --operator <path to sentinel-operator.dll>");
        return Path.Combine([dir.FullName, .. parts]);
    }
}
