using System.Globalization;

namespace Sentinel.Benchmarks;

/// <summary>Resident memory of a Linux process from <c>/proc/&lt;pid&gt;/status</c> (VmRSS now, VmHWM its peak).</summary>
internal static class ProcessMemory
{
    public static long CurrentBytes(int pid) => Read(pid, "VmRSS:");

    public static long PeakBytes(int pid) => Read(pid, "VmHWM:");

    /// <summary>Resets this process's peak (VmHWM) to its current resident size, so a later peak covers only what follows.</summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var kilobytes = line[field.Length..].Trim().Split(' ')[0];
            return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException($"{field} missing from /proc/{pid}/status");
    }
}
