using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Helm;

/// <summary>The model server's optional Ingress: off by default, plain HTTP or TLS from an existing Secret, refused without hosts for TLS.</summary>
public sealed class ModelServerIngressTests
{
    private const string Ingress = "modelServer.ingress";

    [Fact]
    public void Defaults_RenderNoIngress()
    {
        Assert.Empty(ObjectSet.Chart().OfKind("Ingress"));
        Assert.Empty(ObjectSet.Chart($"{Ingress}.enabled=true", "modelServer.enabled=false").OfKind("Ingress"));
    }

    [Fact]
    public void Enabled_WithoutTls_RoutesEveryHostToTheServiceHttpPort()
    {
        var set = ObjectSet.Chart($"{Ingress}.enabled=true");
        var ingress = set.Single("Ingress");
        var rule = Assert.Single(ingress["spec"]!["rules"]!.AsArray())!;
        var path = Assert.Single(rule["http"]!["paths"]!.AsArray())!;
        var service = set.Single("Service", s => (string?)s["metadata"]!["labels"]!["app.kubernetes.io/component"] == "model-server");

        Assert.Equal("networking.k8s.io/v1", (string?)ingress["apiVersion"]);
        Assert.Null(rule["host"]);
        Assert.Null(ingress["spec"]!["tls"]);
        Assert.Null(ingress["spec"]!["ingressClassName"]);
        Assert.Equal(("/", "Prefix"), ((string?)path["path"], (string?)path["pathType"]));
        Assert.Equal(ObjectSet.Name(service), (string?)path["backend"]!["service"]!["name"]);
        Assert.Equal("http", (string?)path["backend"]!["service"]!["port"]!["name"]);
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "http");
    }

    [Fact]
    public void Enabled_WithTls_NamesTheSecretForEveryHost_AndCreatesNoSecret()
    {
        var set = ObjectSet.Chart($"{Ingress}.enabled=true", $"{Ingress}.hosts={{sentinel.example.com,api.example.com}}",
            $"{Ingress}.tls.secretName=sentinel-model-server-tls", $"{Ingress}.className=nginx", $"{Ingress}.path=/v1",
            $"{Ingress}.pathType=Exact", $"{Ingress}.annotations.cert-manager\\.io/cluster-issuer=letsencrypt");
        var ingress = set.Single("Ingress");
        var tls = Assert.Single(ingress["spec"]!["tls"]!.AsArray())!;

        Assert.Equal("sentinel-model-server-tls", (string?)tls["secretName"]);
        Assert.Equal(["sentinel.example.com", "api.example.com"], tls["hosts"]!.AsArray().Select(h => (string?)h));
        Assert.Equal(["sentinel.example.com", "api.example.com"], ingress["spec"]!["rules"]!.AsArray().Select(r => (string?)r!["host"]));
        Assert.All(ingress["spec"]!["rules"]!.AsArray(), r => Assert.Equal("/v1", (string?)r!["http"]!["paths"]![0]!["path"]));
        Assert.All(ingress["spec"]!["rules"]!.AsArray(), r => Assert.Equal("Exact", (string?)r!["http"]!["paths"]![0]!["pathType"]));
        Assert.Equal("nginx", (string?)ingress["spec"]!["ingressClassName"]);
        Assert.Equal("letsencrypt", (string?)ingress["metadata"]!["annotations"]!["cert-manager.io/cluster-issuer"]);
        Assert.Empty(set.OfKind("Secret"));
    }

    [Fact]
    public void Lint_StrictWithIngressAndTls_Passes()
    {
        var result = Tools.Helm("lint", "--strict", Repo.Chart, "--set", $"{Ingress}.enabled=true", "--set", $"{Ingress}.hosts={{sentinel.example.com}}",
            "--set", $"{Ingress}.tls.secretName=sentinel-model-server-tls");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Tls_WithoutHosts_IsRefusedSayingWhatToSet()
    {
        var result = Tools.Helm("template", "x", Repo.Chart, "--set", $"{Ingress}.enabled=true", "--set", $"{Ingress}.tls.secretName=sentinel-model-server-tls");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("modelServer.ingress.tls.secretName is \"sentinel-model-server-tls\" but modelServer.ingress.hosts is empty", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("list the host names it covers in modelServer.ingress.hosts", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hosts={Sentinel_Example}", "/modelServer/ingress/hosts/0")]
    [InlineData("path=v1", "/modelServer/ingress/path")]
    [InlineData("pathType=Regex", "/modelServer/ingress/pathType")]
    [InlineData("tls.secretName=Not A Name", "/modelServer/ingress/tls/secretName")]
    [InlineData("tls.certificate=abc", "certificate")]
    public void ValueOutsideTheSchema_IsRefusedNamingIt(string value, string named)
    {
        var result = Tools.Helm("template", "x", Repo.Chart, "--set", $"{Ingress}.enabled=true", "--set", $"{Ingress}.{value}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
    }
}
