using System.IO.Hashing;
using System.Text;

namespace Sentinel.ModelServer.Rollout;

/// <summary>
/// The per-request draws of a rollout: whether the challenger answers (canary) and whether the other model also scores
/// the request off the path. A canary draw with a routing key is a hash of the key (XxHash64 → [0, 1)), so one key lands
/// on one model for as long as the share stays; without a key it is random, like every off-path draw.
/// </summary>
public sealed class RolloutRouter(Random random)
{
    public RolloutRouter() : this(Random.Shared)
    {
    }

    /// <summary>True when the challenger answers this request, given its <paramref name="canaryShare"/>.</summary>
    public bool ChallengerAnswers(string? routingKey, double canaryShare)
    {
        if (canaryShare <= 0) return false;
        if (canaryShare >= 1) return true;
        var draw = string.IsNullOrEmpty(routingKey) ? random.NextDouble() : KeyPosition(routingKey);
        return draw < canaryShare;
    }

    /// <summary>True when the other model also scores this request off the request path, given <paramref name="shadowShare"/>.</summary>
    public bool ScoresOffPath(double shadowShare) => shadowShare >= 1 || (shadowShare > 0 && random.NextDouble() < shadowShare);

    /// <summary>Where <paramref name="routingKey"/> falls in [0, 1): the top 53 bits of its UTF-8 XxHash64, the same in every process.</summary>
    public static double KeyPosition(string routingKey)
    {
        ArgumentNullException.ThrowIfNull(routingKey);
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(routingKey.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(routingKey, buffer)]
            : Encoding.UTF8.GetBytes(routingKey);
        return (XxHash64.HashToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }
}
