using System.Globalization;

namespace Sentinel.Operator.Bench;

/// <summary>
/// A kubeconfig file with one context pointing at an API server with a bearer token: over plain HTTP (the double), or
/// over HTTPS without verifying the loopback control plane's self-signed certificate.
/// </summary>
internal static class Kubeconfig
{
    public static string Write(string directory, Uri server, string token)
    {
        var insecure = server.Scheme == Uri.UriSchemeHttps ? "\n    insecure-skip-tls-verify: true" : "";
        var path = Path.Combine(directory, "kubeconfig");
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: bench
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}{insecure}
            users:
            - name: operator
              user:
                token: {token}
            contexts:
            - name: bench
              context:
                cluster: bench
                user: operator
            current-context: bench

            """);
        File.WriteAllText(path, text);
        return path;
    }
}
