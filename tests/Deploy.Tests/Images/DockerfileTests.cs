using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Images;

/// <summary>One multi-stage Dockerfile per application: cached restore, small runtime image, non-root user, right entry point.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Applications() =>
        [.. Directory.GetDirectories(Repo.Path("src")).Select(d => Path.GetFileName(d)!).Where(d => Project(d) is { } p && IsApplication(p)).Order(StringComparer.Ordinal)];

    private static XDocument? Project(string folder) =>
        Directory.GetFiles(Repo.Path("src", folder), "*.csproj").SingleOrDefault() is { } f ? XDocument.Load(f) : null;

    private static bool IsApplication(XDocument project) =>
        (string?)project.Root!.Attribute("Sdk") == "Microsoft.NET.Sdk.Web" || project.Descendants("OutputType").Any(e => e.Value == "Exe");

    private static string[] Lines(string folder) => [.. Repo.Read("src", folder, "Dockerfile").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void EveryApplication_HasADockerfile_AndTheFiveAreFound()
    {
        Assert.Equal(["AutoRetrain", "GoldenJob", "ModelServer", "MonitorJob", "Operator"], Applications().Select(r => (string)r.Data).Order(StringComparer.Ordinal));
        Assert.All(Applications().Select(r => (string)r.Data), app => Assert.True(File.Exists(Repo.Path("src", app, "Dockerfile")), $"src/{app}/Dockerfile is missing"));
    }

    [Theory]
    [MemberData(nameof(Applications))]
    public void Dockerfile_BuildsOnTheSdkAndRunsOnTheSmallRuntimeItsSdkNeeds(string app)
    {
        var froms = Lines(app).Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var web = (string?)Project(app)!.Root!.Attribute("Sdk") == "Microsoft.NET.Sdk.Web";

        Assert.Equal(2, froms.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", froms[0], StringComparison.Ordinal);
        Assert.StartsWith($"FROM mcr.microsoft.com/dotnet/{(web ? "aspnet" : "runtime")}:10.0", froms[1], StringComparison.Ordinal);
        Assert.Contains(Lines(app), l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Applications))]
    public void Dockerfile_RestoresFromProjectFilesBeforeCopyingSources_CoveringEveryReferencedProject(string app)
    {
        var lines = Lines(app);
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var firstSourceCopy = Array.FindIndex(lines, l => l.StartsWith("COPY src/", StringComparison.Ordinal) && l.Split(' ')[1].EndsWith('/'));
        var publish = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));

        Assert.InRange(restore, 0, firstSourceCopy - 1);
        Assert.InRange(firstSourceCopy, restore + 1, publish - 1);
        Assert.Contains("--no-restore", lines[publish], StringComparison.Ordinal);
        var beforeRestore = lines[..restore];
        foreach (var shared in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
            Assert.Contains(beforeRestore, l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.Split(' ').Contains(shared));
        foreach (var csproj in ProjectClosure(Directory.GetFiles(Repo.Path("src", app), "*.csproj").Single()))
        {
            var relative = Path.GetRelativePath(Repo.Root, csproj).Replace('\\', '/');
            Assert.Contains(beforeRestore, l => l.StartsWith($"COPY {relative} ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"COPY {Path.GetDirectoryName(relative)!.Replace('\\', '/')}/ ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Applications))]
    public void Dockerfile_PublishesFrameworkDependentForOneRuntime_Linux64ByDefault(string app)
    {
        var lines = Lines(app);
        var restore = lines.Single(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var publish = lines.Single(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));

        Assert.Contains("ARG RUNTIME_ID=linux-x64", lines);
        Assert.Contains("--runtime \"$RUNTIME_ID\"", restore, StringComparison.Ordinal);
        Assert.Contains("--runtime \"$RUNTIME_ID\"", publish, StringComparison.Ordinal);
        Assert.Contains("--self-contained false", publish, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Applications))]
    public void Dockerfile_RunsAsTheNonRootAppUser_WithTheAssemblyAsEntryPoint(string app)
    {
        var lines = Lines(app);
        var final = Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var assembly = Project(app)!.Descendants("AssemblyName").Single().Value;

        Assert.Equal("USER $APP_UID", lines[final..].Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", lines[^1]);
        Assert.Matches(ImageTag(assembly), Repo.Read("src", app, "Dockerfile"));
    }

    [Theory]
    [MemberData(nameof(Applications))]
    public void DockerIgnore_KeepsEverySourceAndEmbeddedFileOfTheApplicationInTheContext(string app)
    {
        var ignore = DockerIgnore.Load();
        foreach (var csproj in ProjectClosure(Directory.GetFiles(Repo.Path("src", app), "*.csproj").Single()))
        {
            var folder = Path.GetDirectoryName(csproj)!;
            var embedded = XDocument.Load(csproj).Descendants("EmbeddedResource").Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))
                .SelectMany(glob => Directory.GetFiles(Path.Combine(folder, Path.GetDirectoryName(glob)!), Path.GetFileName(glob)));
            var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
            foreach (var file in embedded.Concat(sources).Append(csproj))
            {
                var relative = Path.GetRelativePath(Repo.Root, file).Replace('\\', '/');
                Assert.False(ignore.Excludes(relative), $"{relative} is needed to build {app} but .dockerignore keeps it out of the image's build context");
            }
        }
    }

    [Fact]
    public void DockerIgnore_ExcludesWhatItNames_AndReincludesNegatedFiles()
    {
        var ignore = DockerIgnore.Load();

        Assert.True(ignore.Excludes("src/Core/bin/Release/net10.0/Sentinel.Core.dll"));
        Assert.True(ignore.Excludes("tests/Core.Tests/ScorerTests.cs"));
        Assert.True(ignore.Excludes("docs/deploy.md"));
        Assert.False(ignore.Excludes("src/Core/Scoring/Scorer.cs"));
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputsGitAndTestsOutOfTheContext()
    {
        var entries = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(entries, new HashSet<string>(StringComparer.Ordinal) { "**/bin/", "**/obj/", ".git/", "tests/" });
        Assert.DoesNotContain(entries, e => e.StartsWith("src", StringComparison.Ordinal) || e.Contains("props", StringComparison.Ordinal) || e == "global.json");
    }

    private static IEnumerable<string> ProjectClosure(string csproj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(csproj)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current)) continue;
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
        }
        return seen;
    }

    /// <summary>The build command in the header names the image after the assembly: docker build … -t sentinel-operator:….</summary>
    private static Regex ImageTag(string assembly) => new($@"docker build -f src/\w+/Dockerfile -t {Regex.Escape(assembly)}:");
}
