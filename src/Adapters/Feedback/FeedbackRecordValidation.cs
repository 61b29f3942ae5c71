using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback;

/// <summary>The checks every store applies before writing anything.</summary>
internal static class FeedbackRecordValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the field of the first invalid record; nothing may be written then.</summary>
    public static void EnsureValid(IReadOnlyCollection<FeedbackRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var index = 0;
        foreach (var record in records)
        {
            if (record is null)
                throw new ArgumentException($"Feedback record #{index} is null.", nameof(records));
            if (string.IsNullOrWhiteSpace(record.SpecialistType))
                throw new ArgumentException($"Feedback record #{index}: SpecialistType must not be empty.", Field(index, nameof(FeedbackRecord.SpecialistType)));
            if (string.IsNullOrWhiteSpace(record.PredictionId))
                throw new ArgumentException($"Feedback record #{index}: PredictionId must not be empty.", Field(index, nameof(FeedbackRecord.PredictionId)));
            if (record.Rating is { } rating && !(rating >= 0 && rating <= 1))
                throw new ArgumentException($"Feedback record #{index}: Rating must be in [0, 1] (got {rating:R}).", Field(index, nameof(FeedbackRecord.Rating)));
            if (string.IsNullOrWhiteSpace(record.Source))
                throw new ArgumentException($"Feedback record #{index}: Source must not be empty (e.g. 'user').", Field(index, nameof(FeedbackRecord.Source)));
            index++;
        }
    }

    /// <summary>The offending field as <c>records[i].Field</c>, reported as the exception's parameter name.</summary>
    private static string Field(int index, string field) => $"records[{index}].{field}";
}
