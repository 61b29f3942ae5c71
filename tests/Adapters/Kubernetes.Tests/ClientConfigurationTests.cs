using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Exceptions;

namespace Sentinel.Adapters.Kubernetes.Tests;

/// <summary>
/// A kubeconfig read by <see cref="ClientConfiguration"/> configures the client exactly as the client's own reader
/// does: server, credentials, namespace, certificates by paths relative to the file.
/// </summary>
public sealed class ClientConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sentinel-kubeconfig-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A self-signed certificate and its key, as PEM files beside the kubeconfig.</summary>
    private void WriteCertificate(string certificate, string key)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=sentinel-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Write(certificate, cert.ExportCertificatePem());
        Write(key, rsa.ExportPkcs8PrivateKeyPem());
    }

    private const string WithCertificates = """
        apiVersion: v1
        kind: Config
        preferences: {}
        clusters:
        - name: prod
          cluster: {server: "https://10.0.0.1:6443", certificate-authority: ca.crt, tls-server-name: api.example.com}
        - name: dev
          cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
        users:
        - name: operator
          user: {client-certificate: client.crt, client-key: client.key}
        - name: dev
          user: {token: dev-token}
        contexts:
        - name: prod
          context: {cluster: prod, user: operator, namespace: team-a}
        - name: dev
          context: {cluster: dev, user: dev}
        current-context: prod
        """;

    [Fact]
    public void CertificatesByRelativePath_ConfiguredAsTheClientsOwnReaderDoes()
    {
        WriteCertificate("ca.crt", "ca.key");
        WriteCertificate("client.crt", "client.key");
        var path = Write("config", WithCertificates);

        var mine = ClientConfiguration.FromFile(path, "test");
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal(("https://10.0.0.1:6443", "team-a", "prod", "api.example.com"), (mine.Host, mine.Namespace, mine.CurrentContext, mine.TlsServerName));
        Assert.Equal((theirs.Host, theirs.Namespace, theirs.CurrentContext, theirs.TlsServerName, theirs.SkipTlsVerify),
            (mine.Host, mine.Namespace, mine.CurrentContext, mine.TlsServerName, mine.SkipTlsVerify));
        Assert.Equal(Path.Combine(_dir.FullName, "client.crt"), mine.ClientCertificateFilePath);
        Assert.Equal((theirs.ClientCertificateFilePath, theirs.ClientKeyFilePath), (mine.ClientCertificateFilePath, mine.ClientKeyFilePath));
        Assert.Equal(theirs.SslCaCerts!.Cast<X509Certificate2>().Single().Thumbprint, mine.SslCaCerts!.Cast<X509Certificate2>().Single().Thumbprint);
    }

    [Fact]
    public void TokenAndInsecureContext_AsTheClientsOwnReader()
    {
        var path = Write("config", WithCertificates.Replace("current-context: prod", "current-context: dev", StringComparison.Ordinal));

        var mine = ClientConfiguration.FromFile(path, "test");
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal(("https://127.0.0.1:6443", "dev-token", true), (mine.Host, mine.AccessToken, mine.SkipTlsVerify));
        Assert.Equal((theirs.Host, theirs.AccessToken, theirs.SkipTlsVerify, theirs.Namespace), (mine.Host, mine.AccessToken, mine.SkipTlsVerify, mine.Namespace));
    }

    [Fact]
    public void Build_TakesKubeconfigFirst_ThenTheDefaultLocation()
    {
        var dev = Write("dev", WithCertificates.Replace("current-context: prod", "current-context: dev", StringComparison.Ordinal));
        var missing = Path.Combine(_dir.FullName, "absent");

        Assert.Equal("https://127.0.0.1:6443", ClientConfiguration.Build(dev, missing).Host);
        Assert.Equal("https://127.0.0.1:6443", ClientConfiguration.Build(null, dev).Host);
        Assert.Equal("https://127.0.0.1:6443", ClientConfiguration.Build($" \"{dev}\" ", missing).Host);
    }

    [Fact]
    public void MissingOrBrokenFile_SaysWhichFileAndWhy()
    {
        var missing = Path.Combine(_dir.FullName, "absent");
        var e = Assert.Throws<KubeConfigException>(() => ClientConfiguration.Build(missing, "/nonexistent"));
        Assert.Contains($"kubeconfig file {missing} (KUBECONFIG) does not exist", e.Message, StringComparison.Ordinal);

        var broken = Write("broken", "apiVersion: v1\nclusters: [unclosed\n");
        var invalid = Assert.Throws<KubeConfigException>(() => ClientConfiguration.FromFile(broken, "KUBECONFIG"));
        Assert.Contains($"kubeconfig file {broken} (KUBECONFIG) is not valid YAML at line", invalid.Message, StringComparison.Ordinal);
    }
}
