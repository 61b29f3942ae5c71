using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Predictions;

/// <summary>How a record's <see cref="PredictionRecord.Role"/> is stored.</summary>
internal static class StoredRoles
{
    /// <summary>
    /// The stored role of a served record: null (an absent field, a NULL column) for the champion's answer, as before rollouts
    /// existed, so every reader that counts the champion's traffic keeps one cheap filter; <c>canary</c> for the challenger's.
    /// </summary>
    public static string? Of(PredictionRecord record) => record.Role is null or PredictionRoles.Champion ? null : record.Role;
}
