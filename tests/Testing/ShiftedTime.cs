namespace Sentinel.Testing;

/// <summary>
/// The system clock moved by a fixed offset: lets a test stand later in time than a server (or than the runs it wrote)
/// while timers, delays and elapsed-time measurements stay real (a retry's back-off still ends).
/// </summary>
public sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
