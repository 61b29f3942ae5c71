using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sentinel.Operator.Desired;

/// <summary>
/// Deterministic names of what the operator creates. A name that would be too long keeps its start and ends in a
/// hash of the whole, so two resources never share a name and the same input always yields the same name.
/// </summary>
public static class Names
{
    /// <summary>CronJob names are at most 52 characters (the controller appends an 11-character suffix to its Jobs).</summary>
    public const int CronJobMax = 52;
    public const int LabelMax = 63;

    public static string MonitorCronJob(string specialist) => Bounded($"{specialist}-monitor", CronJobMax);

    /// <summary>The CronJob of the specialist's golden-set evaluation (<c>spec.goldenEvaluation</c>).</summary>
    public static string GoldenCronJob(string specialist) => Bounded($"{specialist}-golden", CronJobMax);

    /// <summary>The CronJob of the specialist's online signals alone (<c>spec.onlineQuality.schedule</c>).</summary>
    public static string OnlineSignalsCronJob(string specialist) => Bounded($"{specialist}-online", CronJobMax);

    /// <summary>The ServiceAccount (and its Role and RoleBinding) that the specialist's jobs run as.</summary>
    public static string JobIdentity(string specialist) => Bounded($"{specialist}-sentinel", LabelMax);

    /// <summary>The RetrainRun for a degraded evaluation taken at <paramref name="evaluatedAt"/>: the same evaluation always yields the same name.</summary>
    public static string RetrainRun(string specialist, DateTimeOffset evaluatedAt) =>
        Bounded($"{specialist}-{evaluatedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}", LabelMax);

    /// <summary>The Job of a RetrainRun (Job names become a label value, so at most 63 characters).</summary>
    public static string RetrainJob(string run) => Bounded(run, LabelMax);

    public static string Bounded(string name, int max)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length <= max) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return $"{name[..(max - 9)].TrimEnd('-', '.')}-{hash}";
    }
}
