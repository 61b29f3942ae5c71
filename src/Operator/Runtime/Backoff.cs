namespace Sentinel.Operator.Runtime;

/// <summary>Exponential backoff with jitter: <c>initial · 2^attempt</c>, capped at <c>max</c>, spread by ±<c>jitter</c>.</summary>
public sealed record Backoff(TimeSpan Initial, TimeSpan Max, double Jitter = 0.2)
{
    /// <summary>For reconnecting watches: 0.5 s doubling to 30 s.</summary>
    public static Backoff Watch { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <summary>For a leader-election term that ended with an error: 1 s doubling to 30 s.</summary>
    public static Backoff LeaderElection { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>For failed reconciles: 50 ms doubling to 5 minutes.</summary>
    public static Backoff Reconcile { get; } = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(5));

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based); <paramref name="random"/> is in [0, 1).</summary>
    public TimeSpan Delay(int attempt, double random)
    {
        var exponent = Math.Clamp(attempt, 0, 30);
        var ticks = Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, exponent));
        var spread = 1 + (Jitter * ((2 * random) - 1));
        return TimeSpan.FromTicks((long)Math.Min(Max.Ticks, ticks * spread));
    }
}
