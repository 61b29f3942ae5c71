using System.Globalization;
using System.Text.RegularExpressions;
using Sentinel.Core.Tracking;

namespace Sentinel.Adapters.Mlflow.Tracking;

/// <summary>MLflow's model-registry rules, with its error codes and messages, for the local store.</summary>
internal static partial class RegistryRules
{
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";

    public const string None = "None";
    public const string Staging = "Staging";
    public const string Production = "Production";
    public const string Archived = "Archived";

    private static readonly string[] Stages = [None, Staging, Production, Archived];

    /// <summary>The canonical spelling of <paramref name="stage"/> (input is case-insensitive); unknown stages are refused.</summary>
    public static string CanonicalStage(string stage) =>
        Stages.FirstOrDefault(s => string.Equals(s, stage?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new TrackingException(InvalidParameterValue, $"Invalid Model Version stage: {stage}. Value must be one of None, Staging, Production, Archived.");

    /// <summary>Only the active stages can archive the versions already in them.</summary>
    public static bool IsActive(string canonicalStage) => canonicalStage is Staging or Production;

    /// <summary>Alias names: letters, digits, '_' and '-'; <c>latest</c> (any case) and <c>v&lt;digits&gt;</c> are reserved.</summary>
    public static void ValidateAlias(string alias)
    {
        if (string.IsNullOrEmpty(alias))
            throw new TrackingException(InvalidParameterValue, "Registered model alias name cannot be empty.");
        if (!AliasCharacters().IsMatch(alias))
            throw new TrackingException(InvalidParameterValue, $"Invalid alias name: '{alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
        if (string.Equals(alias, "latest", StringComparison.OrdinalIgnoreCase))
            throw new TrackingException(InvalidParameterValue, "'latest' alias name (case insensitive) is reserved.");
        if (VersionAlias().IsMatch(alias))
            throw new TrackingException(InvalidParameterValue, $"Version alias name '{alias}' is reserved.");
    }

    /// <summary>Versions travel as strings but are whole numbers.</summary>
    public static long ParseVersion(string version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new TrackingException(InvalidParameterValue, $"Model version must be an integer, got '{version}'");

    public static void ValidateName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new TrackingException(InvalidParameterValue, $"{what} name cannot be empty.");
    }

    public static TrackingException ModelNotFound(string name) =>
        new(ResourceDoesNotExist, $"Registered Model with name={name} not found");

    public static TrackingException VersionNotFound(string name, long version) =>
        new(ResourceDoesNotExist, string.Create(CultureInfo.InvariantCulture, $"Model Version (name={name}, version={version}) not found"));

    public static TrackingException RunNotFound(string runId) =>
        new(ResourceDoesNotExist, $"Run with id={runId} not found");

    [GeneratedRegex(@"^[\w\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasCharacters();

    [GeneratedRegex(@"^[vV]\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionAlias();
}
