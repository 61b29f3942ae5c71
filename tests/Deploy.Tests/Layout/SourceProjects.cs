using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Layout;

/// <summary>
/// A project under <c>src/</c> as its project file declares it and as the build compiled it: the packages and projects
/// it references, the assemblies its compiled code refers to, and (for an application) the libraries its deps.json
/// carries into a publish.
/// </summary>
internal sealed record SourceProject(string File)
{
    private XDocument Document { get; } = XDocument.Load(File);

    public string Directory => System.IO.Path.GetDirectoryName(File)!;

    /// <summary>The path from <c>src/</c>, e.g. <c>Adapters/Mlflow</c> or <c>Operator</c>.</summary>
    public string Name => System.IO.Path.GetRelativePath(Repo.Path("src"), Directory).Replace('\\', '/');

    public string AssemblyName =>
        Document.Descendants("AssemblyName").SingleOrDefault()?.Value ?? System.IO.Path.GetFileNameWithoutExtension(File);

    public bool IsApplication =>
        (string?)Document.Root!.Attribute("Sdk") == "Microsoft.NET.Sdk.Web" || Document.Descendants("OutputType").Any(e => e.Value == "Exe");

    public bool IsIntegration => Name.StartsWith("Adapters/", StringComparison.Ordinal);

    public IReadOnlyList<string> PackageReferences =>
        [.. Document.Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value)];

    public IReadOnlyList<SourceProject> ProjectReferences =>
        [.. Document.Descendants("ProjectReference").Select(e => new SourceProject(System.IO.Path.GetFullPath(
            System.IO.Path.Combine(Directory, e.Attribute("Include")!.Value.Replace('\\', '/')))))];

    /// <summary>The built assembly, from the configuration these tests were built in (the solution builds both).</summary>
    public string OutputFile(string extension) =>
        System.IO.Path.Combine(Directory, "bin", Configuration, "net10.0", AssemblyName + extension);

    /// <summary>Names of the assemblies the compiled code refers to: the compiler keeps only those it used.</summary>
    public IReadOnlySet<string> ReferencedAssemblies()
    {
        using var stream = System.IO.File.OpenRead(OutputFile(".dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The assemblies a package puts on this project's compile path, read from the restore's assets file; for a
    /// package with none of its own (Microsoft.Data.Sqlite, Microsoft.ML.OnnxRuntime), those of the packages it
    /// brings.
    /// </summary>
    public IReadOnlyList<string> CompileAssembliesOf(string package)
    {
        using var assets = JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(Directory, "obj", "project.assets.json")));
        var target = assets.RootElement.GetProperty("targets").EnumerateObject().First(t => t.Name == "net10.0").Value;
        return CompileAssemblies(target, package, depth: 0);
    }

    private static List<string> CompileAssemblies(JsonElement target, string package, int depth)
    {
        var library = target.EnumerateObject().SingleOrDefault(l => l.Name.StartsWith(package + "/", StringComparison.OrdinalIgnoreCase)).Value;
        if (library.ValueKind != JsonValueKind.Object) return [];
        var own = library.TryGetProperty("compile", out var compile)
            ? compile.EnumerateObject().Select(f => System.IO.Path.GetFileNameWithoutExtension(f.Name)).Where(n => n != "_").ToList()
            : [];
        if (own.Count > 0 || depth > 1 || !library.TryGetProperty("dependencies", out var dependencies)) return own;
        return [.. dependencies.EnumerateObject().SelectMany(d => CompileAssemblies(target, d.Name, depth + 1))];
    }

    /// <summary>Every package an application's publish carries (its own and its projects' closure), from its deps.json.</summary>
    public IReadOnlySet<string> PublishedPackages()
    {
        using var deps = JsonDocument.Parse(System.IO.File.ReadAllText(OutputFile(".deps.json")));
        return deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package")
            .Select(l => l.Name[..l.Name.IndexOf('/', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public override string ToString() => Name;

    public static IReadOnlyList<SourceProject> All { get; } =
        [.. System.IO.Directory.GetFiles(Repo.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceProject(f))];

    public static SourceProject Named(string name) => All.Single(p => p.Name == name);

    /// <summary><c>Release</c> or <c>Debug</c>: the folder above this test assembly's target framework folder.</summary>
    private static string Configuration { get; } =
        new DirectoryInfo(System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
