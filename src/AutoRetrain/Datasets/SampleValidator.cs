using Sentinel.Core.Datasets;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>Why a generated sample (or a whole reply) was not used. Names are snake_case for logs and metrics.</summary>
public enum RejectReason
{
    MalformedResponse,
    MalformedItem,
    EmptyText,
    UnknownLabel,
    TooShort,
    TooLong,
    Duplicate,
}

/// <summary>
/// Accepts or rejects candidates one by one: non-empty text, length within bounds (characters, trimmed), label in
/// the specialist's set (exact spelling), and no text already accepted (by <see cref="TextNormalizer.Normalize"/>).
/// </summary>
public sealed class SampleValidator(IReadOnlyList<string> labels, int minLength, int maxLength)
{
    private readonly HashSet<string> _labels = new(labels, StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="candidate"/> is accepted (and remembered for duplicates), else the reason.</summary>
    public RejectReason? Accept(CandidateSample candidate, out DatasetRow? row)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        row = null;
        var text = candidate.Text?.Trim() ?? "";
        var key = TextNormalizer.Normalize(text);
        if (key.Length == 0) return RejectReason.EmptyText;
        if (candidate.Label is null || !_labels.Contains(candidate.Label.Trim())) return RejectReason.UnknownLabel;
        if (text.Length < minLength) return RejectReason.TooShort;
        if (text.Length > maxLength) return RejectReason.TooLong;
        if (!_seen.Add(key)) return RejectReason.Duplicate;
        row = new DatasetRow(text, candidate.Label.Trim(), DatasetSource.Synthetic);
        return null;
    }

    public static string Name(RejectReason reason) => reason switch
    {
        RejectReason.MalformedResponse => "malformed_response",
        RejectReason.MalformedItem => "malformed_item",
        RejectReason.EmptyText => "empty_text",
        RejectReason.UnknownLabel => "unknown_label",
        RejectReason.TooShort => "too_short",
        RejectReason.TooLong => "too_long",
        RejectReason.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown reject reason"),
    };
}
