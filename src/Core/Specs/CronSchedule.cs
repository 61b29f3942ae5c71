namespace Sentinel.Core.Specs;

/// <summary>Checks a schedule the way a Kubernetes CronJob reads it: five fields or a macro such as <c>@hourly</c>.</summary>
public static class CronSchedule
{
    private static readonly (string Name, int Min, int Max)[] Fields =
        [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];

    private static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Null when <paramref name="schedule"/> is valid, else what is wrong with it.</summary>
    public static string? Validate(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule)) return "it is empty";
        var s = schedule.Trim();
        if (s.StartsWith('@')) return Macros.Contains(s, StringComparer.OrdinalIgnoreCase) ? null : $"unknown macro {s}";
        var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5) return $"{parts.Length} fields instead of 5";
        for (var i = 0; i < 5; i++)
        {
            var (name, min, max) = Fields[i];
            var names = i == 3 ? MonthNames : i == 4 ? DayNames : [];
            foreach (var item in parts[i].Split(','))
                if (ValidateItem(item, min, max, names, i == 3 ? 1 : 0) is { } problem) return $"{name} '{item}': {problem}";
        }
        return null;
    }

    private static string? ValidateItem(string item, int min, int max, string[] names, int nameBase)
    {
        var slash = item.Split('/');
        if (slash.Length > 2) return "more than one '/'";
        if (slash.Length == 2 && (!int.TryParse(slash[1], out var step) || step <= 0)) return "the step after '/' must be a positive number";
        var range = slash[0];
        if (range is "*" or "?") return null;
        var bounds = range.Split('-');
        if (bounds.Length > 2) return "more than one '-'";
        var values = new int[bounds.Length];
        for (var i = 0; i < bounds.Length; i++)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, bounds[i], StringComparison.OrdinalIgnoreCase));
            if (index >= 0) values[i] = index + nameBase;
            else if (!int.TryParse(bounds[i], out values[i])) return $"'{bounds[i]}' is not a number";
            if (values[i] < min || values[i] > max) return $"{values[i]} is outside {min}-{max}";
        }
        return values.Length == 2 && values[0] > values[1] ? "the range is reversed" : null;
    }
}
