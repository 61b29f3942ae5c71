namespace Sentinel.Deploy.Tests.Layout;

/// <summary>
/// The project boundaries say which external systems each component talks to: every reference is used by the code
/// that declares it, integrations depend on Core (and the shared hosting pieces) only, and an application's publish
/// carries none of the systems it does not talk to.
/// </summary>
public sealed class ProjectLayoutTests
{
    public static TheoryData<string> Projects() => [.. SourceProject.All.Select(p => p.Name)];

    [Fact]
    public void SourceTree_HoldsCoreTheIntegrationsAndTheFiveApplications()
    {
        var names = SourceProject.All.Select(p => p.Name).ToList();

        Assert.Contains("Core", names);
        Assert.Equal(["AutoRetrain", "GoldenJob", "ModelServer", "MonitorJob", "Operator"],
            SourceProject.All.Where(p => p.IsApplication).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Adapters/Datasets", "Adapters/Feedback", "Adapters/Hosting", "Adapters/Inference", "Adapters/Kubernetes",
            "Adapters/Llm", "Adapters/Metrics", "Adapters/Mlflow", "Adapters/Notifications"],
            SourceProject.All.Where(p => p.IsIntegration).Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryPackageReference_IsUsedByTheProjectsOwnCode(string name)
    {
        var project = SourceProject.Named(name);
        var referenced = project.ReferencedAssemblies();

        foreach (var package in project.PackageReferences)
        {
            var assemblies = project.CompileAssembliesOf(package);
            Assert.True(assemblies.Count > 0, $"src/{name}: package {package} puts no assembly on the compile path; remove the reference");
            Assert.True(assemblies.Any(referenced.Contains),
                $"src/{name} references package {package} but its code uses none of {string.Join(", ", assemblies)}; remove the PackageReference (a dependency's own packages come with it)");
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryProjectReference_IsUsedByTheProjectsOwnCode(string name)
    {
        var project = SourceProject.Named(name);
        var referenced = project.ReferencedAssemblies();

        foreach (var dependency in project.ProjectReferences)
            Assert.True(referenced.Contains(dependency.AssemblyName),
                $"src/{name} references src/{dependency.Name} but its code uses nothing of {dependency.AssemblyName}; remove the ProjectReference");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Dependencies_PointFromApplicationsToIntegrationsToCore(string name)
    {
        var project = SourceProject.Named(name);
        var dependencies = project.ProjectReferences.Select(p => p.Name).ToList();

        if (name == "Core")
            Assert.Empty(dependencies);
        else if (name == "Adapters/Hosting")
            Assert.Equal(["Core"], dependencies);
        else if (project.IsIntegration)
            // The one integration others may build on is Hosting: the seed's variables, the HTTP resilience pipeline.
            Assert.All(dependencies, d => Assert.True(d is "Core" or "Adapters/Hosting",
                $"src/{name} references src/{d}; an integration references Core and Adapters/Hosting only, so a component that uses it carries no other system"));
        else
            Assert.All(dependencies, d => Assert.True(d == "Core" || d.StartsWith("Adapters/", StringComparison.Ordinal),
                $"src/{name} references the application src/{d}; share code through Core or an integration"));
    }

    public static TheoryData<string, string[], string[]> Applications() => new()
    {
        // application, packages its publish must carry (what it talks to), packages it must not carry
        { "Operator", ["KubernetesClient", "prometheus-net.AspNetCore"], [.. Onnx, .. MlNet, .. LlmSdks, .. Email, .. MongoDb, .. Sqlite, .. Parquet] },
        { "ModelServer", ["Microsoft.ML.OnnxRuntime", "MongoDB.Driver", "Microsoft.Data.Sqlite"], [.. MlNet, .. LlmSdks, .. Email, .. Kubernetes, .. Parquet] },
        { "MonitorJob", ["MongoDB.Driver", "MailKit", "KubernetesClient", "prometheus-net", "YamlDotNet"], [.. Onnx, .. MlNet, .. LlmSdks, .. Parquet] },
        { "GoldenJob", ["Parquet.Net", "prometheus-net"], [.. Onnx, .. MlNet, .. LlmSdks, .. Email, .. MongoDb, .. Kubernetes, .. Sqlite] },
        { "AutoRetrain", ["Microsoft.ML", "Microsoft.ML.OnnxRuntime", "OpenAI", "Anthropic", "OllamaSharp", "MongoDB.Driver", "MailKit", "KubernetesClient", "Parquet.Net"], [] },
    };

    [Theory]
    [MemberData(nameof(Applications))]
    public void Application_CarriesTheSystemsItTalksTo_AndNoOther(string name, string[] required, string[] forbidden)
    {
        var published = SourceProject.Named(name).PublishedPackages();

        Assert.All(required, p => Assert.True(published.Contains(p), $"src/{name} should carry {p}"));
        var carried = forbidden.Where(published.Contains).ToList();
        Assert.True(carried.Count == 0, $"src/{name} carries {string.Join(", ", carried)}, which it never talks to; find the project reference that brings it");
    }

    private static readonly string[] Onnx = ["Microsoft.ML.OnnxRuntime", "Microsoft.ML.OnnxRuntime.Managed"];
    private static readonly string[] MlNet = ["Microsoft.ML", "Microsoft.ML.OnnxConverter", "Microsoft.ML.CpuMath", "Microsoft.ML.DataView"];
    private static readonly string[] LlmSdks = ["OpenAI", "Anthropic", "OllamaSharp", "Microsoft.Extensions.AI", "Microsoft.Extensions.AI.OpenAI"];
    private static readonly string[] Email = ["MailKit", "MimeKit"];
    private static readonly string[] MongoDb = ["MongoDB.Driver", "MongoDB.Bson"];
    private static readonly string[] Kubernetes = ["KubernetesClient"];
    private static readonly string[] Sqlite = ["Microsoft.Data.Sqlite", "Microsoft.Data.Sqlite.Core", "SQLitePCLRaw.core"];
    private static readonly string[] Parquet = ["Parquet.Net"];
}
