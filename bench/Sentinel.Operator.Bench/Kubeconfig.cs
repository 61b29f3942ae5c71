using System.Globalization;

namespace Sentinel.Operator.Bench;

/// <summary>A kubeconfig file with one context pointing at an API server over plain HTTP with a bearer token.</summary>
internal static class Kubeconfig
{
    public static string Write(string directory, Uri server, string token)
    {
        var path = Path.Combine(directory, "kubeconfig");
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: bench
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}
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
