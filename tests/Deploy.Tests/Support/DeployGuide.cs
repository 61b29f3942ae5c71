using System.Text.RegularExpressions;

namespace Sentinel.Deploy.Tests.Support;

/// <summary>The shell blocks of docs/deploy.md that the tests run as written, so the guide cannot drift from what works.</summary>
internal static partial class DeployGuide
{
    public const string MigrationSection = "### From the plain manifests to Helm";

    /// <summary>The <paramref name="index"/>-th <c>```bash</c> block of the section that starts with <paramref name="heading"/>.</summary>
    public static string Block(string heading, int index)
    {
        var guide = Repo.Read("docs", "deploy.md");
        var start = guide.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/deploy.md has no section '{heading}'");
        var next = guide.IndexOf("\n### ", start + heading.Length, StringComparison.Ordinal);
        var section = next < 0 ? guide[start..] : guide[start..next];
        var blocks = BashBlock().Matches(section).Select(m => m.Groups["body"].Value).ToList();
        Assert.True(blocks.Count > index, $"docs/deploy.md, '{heading}': expected a bash block number {index + 1}, found {blocks.Count}");
        return blocks[index];
    }

    /// <summary>The loop that labels and annotates the objects Helm adopts.</summary>
    public static string AdoptionLoop => Block(MigrationSection, 0);

    /// <summary>The <c>kind/name</c> objects the adoption loop names, e.g. <c>deployment/sentinel-operator</c>.</summary>
    public static SortedSet<string> AdoptedObjects()
    {
        var loop = AdoptionLoop;
        var list = loop[..loop.IndexOf("; do", StringComparison.Ordinal)];
        return new SortedSet<string>(KindSlashName().Matches(list).Select(m => m.Value), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"```bash\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"\b[a-z]+/[a-z0-9-]+\b")]
    private static partial Regex KindSlashName();
}
