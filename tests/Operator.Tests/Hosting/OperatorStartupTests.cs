using Sentinel.Testing.Processes;

namespace Sentinel.Operator.Tests.Hosting;

/// <summary>The operator as a process: a kubeconfig it cannot use stops it at once, in one line, with exit code 2.</summary>
public sealed class OperatorStartupTests
{
    [Fact]
    public async Task MissingKubeconfig_OneLineNamingTheFile_ExitTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"sentinel-absent-{Guid.NewGuid():N}", "config");

        var result = await CliProcess.RunAsync("sentinel-operator", [], new Dictionary<string, string>
        {
            ["KUBECONFIG"] = missing,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"sentinel-operator: no usable Kubernetes client configuration: kubeconfig file {missing} (KUBECONFIG) does not exist; point KUBECONFIG at a kubeconfig file or unset it", line.Trim());
    }
}
