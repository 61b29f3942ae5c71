using Sentinel.Deploy.Tests.Support;

namespace Sentinel.Deploy.Tests.Manifests;

/// <summary>The two ways to install: the chart (rendered with defaults) and the plain manifests of k8s/.</summary>
internal static class Sources
{
    public const string Chart = "chart";
    public const string Static = "k8s";

    private static readonly Lazy<ObjectSet> ChartSet = new(() => ObjectSet.Chart());
    private static readonly Lazy<ObjectSet> StaticSet = new(ObjectSet.Static);

    public static TheoryData<string> Both => [Chart, Static];

    public static ObjectSet Get(string source) => source == Chart ? ChartSet.Value : StaticSet.Value;
}
