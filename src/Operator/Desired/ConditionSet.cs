using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>What a condition should say, before the bookkeeping of <see cref="ConditionSet"/>.</summary>
public sealed record ConditionState(string Type, string Status, string Reason, string Message)
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

/// <summary>
/// Kubernetes condition conventions: <c>lastTransitionTime</c> changes only when the status changes, every condition
/// carries the generation it was computed from, and conditions of other types are left as they are.
/// </summary>
public static class ConditionSet
{
    public static List<Condition> Apply(IEnumerable<Condition>? previous, IEnumerable<ConditionState> desired, long? generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var result = (previous ?? []).Select(Copy).ToList();
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        foreach (var d in desired)
        {
            var index = result.FindIndex(c => c.Type == d.Type);
            var old = index >= 0 ? result[index] : null;
            var condition = new Condition
            {
                Type = d.Type,
                Status = d.Status,
                Reason = d.Reason,
                Message = d.Message,
                ObservedGeneration = generation,
                LastTransitionTime = old is not null && old.Status == d.Status ? old.LastTransitionTime : at,
            };
            if (index >= 0) result[index] = condition;
            else result.Add(condition);
        }
        return result;
    }

    public static Condition? Find(IEnumerable<Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>True when both lists say the same thing, field by field, in the same order.</summary>
    public static bool Same(IList<Condition>? a, IList<Condition>? b)
    {
        if (a is null || b is null) return (a?.Count ?? 0) == (b?.Count ?? 0);
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i], b[i]);
            if (x.Type != y.Type || x.Status != y.Status || x.Reason != y.Reason || x.Message != y.Message
                || x.ObservedGeneration != y.ObservedGeneration || x.LastTransitionTime != y.LastTransitionTime)
                return false;
        }
        return true;
    }

    private static Condition Copy(Condition c) => new()
    {
        Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message,
        ObservedGeneration = c.ObservedGeneration, LastTransitionTime = c.LastTransitionTime,
    };
}
