using System.Text.RegularExpressions;

namespace Sentinel.Adapters.Hosting.Configuration;

/// <summary>
/// A configuration value the binder could not convert (<c>MLFLOW_TIMEOUT_SECONDS=abc</c>), told in the person's terms:
/// the variable they set, what it must be, and no .NET type names. The binder reports it only as an
/// <see cref="InvalidOperationException"/> whose message names the key, the value and the target type.
/// </summary>
public static partial class ConfigurationValueError
{
    /// <summary>The one-line explanation when <paramref name="exception"/> (or an exception inside it) is such an error.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InvalidOperationException && ConversionFailure().Match(e.Message) is { Success: true } m)
                return $"{Setting(m.Groups["key"].Value)} = '{m.Groups["value"].Value}' is not {Kind(m.Groups["type"].Value)}; correct it or unset it for the default";
        }
        return null;
    }

    /// <summary>The seed's variable when one maps onto the key, e.g. <c>MLFLOW_TIMEOUT_SECONDS (Sentinel:Mlflow:TimeoutSeconds)</c>.</summary>
    private static string Setting(string key)
    {
        var variable = SeedEnvironment.Keys.FirstOrDefault(k => string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase)).Key;
        return variable is null ? $"{key.Replace(":", "__", StringComparison.Ordinal)} ({key})" : $"{variable} ({key})";
    }

    private static string Kind(string type)
    {
        var nullable = NullableOf().Match(type);
        var inner = nullable.Success ? nullable.Groups["type"].Value : type;
        return inner switch
        {
            "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number (e.g. 0.05)",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration (e.g. 00:05:00)",
            "System.Uri" => "a URL",
            _ => "a value of the kind the setting takes (see the README's configuration table)",
        };
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<type>[^\]]+)\]$")]
    private static partial Regex NullableOf();
}
