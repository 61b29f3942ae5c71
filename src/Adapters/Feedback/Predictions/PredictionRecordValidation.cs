using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Predictions;

/// <summary>The checks every prediction log applies before writing anything.</summary>
internal static class PredictionRecordValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the field of the first invalid record; nothing may be written then.</summary>
    public static void EnsureValid(IReadOnlyCollection<PredictionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var index = 0;
        foreach (var record in records)
        {
            if (record is null)
                throw new ArgumentException($"Prediction record #{index} is null.", nameof(records));
            Require(record.PredictionId, index, nameof(PredictionRecord.PredictionId));
            Require(record.SpecialistType, index, nameof(PredictionRecord.SpecialistType));
            Require(record.ModelVersion, index, nameof(PredictionRecord.ModelVersion));
            Require(record.Label, index, nameof(PredictionRecord.Label));
            if (!(record.Confidence >= 0 && record.Confidence <= 1))
                throw new ArgumentException($"Prediction record #{index}: Confidence must be in [0, 1] (got {record.Confidence:R}).", Field(index, nameof(PredictionRecord.Confidence)));
            if (record.Scores is not { Count: > 0 } || record.Scores.Any(s => s is null || string.IsNullOrWhiteSpace(s.Label) || !double.IsFinite(s.Score)))
                throw new ArgumentException($"Prediction record #{index}: Scores must list every label with a finite score.", Field(index, nameof(PredictionRecord.Scores)));
            if (record.Source is { } source && TrafficSources.Parse(source) is null)
                throw new ArgumentException($"Prediction record #{index}: Source must be null or one of {string.Join(", ", TrafficSources.Accepted)} (got '{source}').", Field(index, nameof(PredictionRecord.Source)));
            if (!PredictionRoles.IsKnown(record.Role))
                throw new ArgumentException($"Prediction record #{index}: Role (role) must be null or one of {PredictionRoles.Champion}, {PredictionRoles.Canary}, {PredictionRoles.Challenger}, {PredictionRoles.ChampionShadow} (got '{record.Role}').", Field(index, nameof(PredictionRecord.Role)));
            index++;
        }
    }

    private static void Require(string value, int index, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"Prediction record #{index}: {field} must not be empty.", Field(index, field));
    }

    private static string Field(int index, string field) => $"records[{index}].{field}";
}
