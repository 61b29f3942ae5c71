using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace Sentinel.Adapters.Metrics;

/// <summary>Builds the Pushgateway's grouping-key path <c>metrics/job/{job}/{label}/{value}…</c>.</summary>
public static partial class PushgatewayPath
{
    /// <summary>
    /// The relative path of a group. Values are URL-encoded; a value that is empty, <c>.</c>, <c>..</c> or holds
    /// a <c>/</c> (which URL normalisation would alter) uses the Pushgateway's <c>{label}@base64/{base64url}</c> form.
    /// </summary>
    public static string For(string job, IEnumerable<KeyValuePair<string, string>> groupingKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentNullException.ThrowIfNull(groupingKey);
        var path = new StringBuilder("metrics");
        Append(path, "job", job);
        foreach (var (label, value) in groupingKey)
        {
            if (!LabelPattern().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
                throw new ArgumentException($"'{label}' is not a valid grouping label name", nameof(groupingKey));
            if (label == "job")
                throw new ArgumentException("the grouping key must not repeat 'job'; pass it as the job", nameof(groupingKey));
            Append(path, label, value ?? string.Empty);
        }
        return path.ToString();
    }

    private static void Append(StringBuilder path, string label, string value)
    {
        if (value.Length == 0 || value is "." or ".." || value.Contains('/', StringComparison.Ordinal))
        {
            var encoded = value.Length == 0 ? "=" : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));
            path.Append('/').Append(label).Append("@base64/").Append(encoded);
        }
        else
        {
            path.Append('/').Append(label).Append('/').Append(Uri.EscapeDataString(value));
        }
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelPattern();
}
