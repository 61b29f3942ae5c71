using System.Globalization;

namespace Sentinel.Core.Notifications;

/// <summary>How alerts spell times, durations and reminder numbers: "2026-11-25 12:00 UTC", "2 d 1 h", "3rd".</summary>
public static class AlertWording
{
    /// <summary>English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th.</summary>
    public static string Ordinal(int number)
    {
        var suffix = (number % 100) is 11 or 12 or 13 ? "th" : (number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return number.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>A time as UTC to the minute: <c>2026-11-25 12:00 UTC</c>.</summary>
    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A duration rounded down: <c>45 min</c>, <c>23 h</c>, <c>1 d</c>, <c>2 d 1 h</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        if (duration < TimeSpan.FromHours(1)) return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min");
        if (duration < TimeSpan.FromDays(1)) return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h");
        return duration.Hours == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.Days} d")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.Days} d {duration.Hours} h");
    }

    /// <summary>"since 2026-11-25 12:00 UTC (2 d 1 h)".</summary>
    public static string Since(DateTimeOffset since, DateTimeOffset now) => $"since {Utc(since)} ({Duration(now - since)})";
}
