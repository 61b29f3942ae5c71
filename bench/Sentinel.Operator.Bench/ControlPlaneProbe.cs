using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Sentinel.Testing.Kube;

namespace Sentinel.Operator.Bench;

/// <summary>
/// What a cold start cost the control plane: CPU seconds of the API server and etcd (from <c>/proc/&lt;pid&gt;/stat</c>,
/// their pid files in the control plane's directory) and the API server's own count of requests by verb and resource
/// (<c>apiserver_request_total</c> on its <c>/metrics</c>, read as the admin), taken before and after.
/// </summary>
internal sealed partial class ControlPlaneProbe(ControlPlane plane)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public sealed record Snapshot(double ApiServerCpu, double EtcdCpu, IReadOnlyDictionary<string, long> Requests);

    public async Task<Snapshot> TakeAsync(CancellationToken ct) =>
        new(CpuSeconds(Pid("kube-apiserver")), CpuSeconds(Pid("etcd")), await RequestsAsync(ct).ConfigureAwait(false));

    /// <summary>CPU seconds (user + system) a process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Requests by <c>VERB resource</c> between two snapshots, largest first, watches and the probe's own reads left out.</summary>
    public static IEnumerable<(string Request, long Count)> Delta(Snapshot before, Snapshot after) =>
        after.Requests.Select(kv => (kv.Key, kv.Value - before.Requests.GetValueOrDefault(kv.Key)))
            .Where(r => r.Item2 > 0 && !r.Key.StartsWith("WATCH", StringComparison.Ordinal))
            .OrderByDescending(r => r.Item2);

    private int Pid(string name) => int.Parse(File.ReadAllText(Path.Combine(plane.Directory, name + ".pid")).Trim(), CultureInfo.InvariantCulture);

    private async Task<IReadOnlyDictionary<string, long>> RequestsAsync(CancellationToken ct)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(plane.Address, "metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", plane.AdminToken);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Split('\n'))
        {
            if (!line.StartsWith("apiserver_request_total{", StringComparison.Ordinal)) continue;
            var labels = LabelPattern().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            var key = $"{labels.GetValueOrDefault("verb")} {labels.GetValueOrDefault("resource")}" +
                (labels.GetValueOrDefault("subresource") is { Length: > 0 } sub ? "/" + sub : "");
            var value = (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            totals[key] = totals.GetValueOrDefault(key) + value;
        }
        return totals;
    }

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"")]
    private static partial Regex LabelPattern();
}
