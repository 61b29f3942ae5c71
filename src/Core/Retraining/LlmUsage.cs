using System.Globalization;

namespace Sentinel.Core.Retraining;

/// <summary>What one LLM call reported: tokens in and out (null when the provider's reply carried no usage) and HTTP retries.</summary>
public sealed record LlmCallUsage(long? InputTokens, long? OutputTokens, int Retries = 0)
{
    public bool Known => InputTokens is not null && OutputTokens is not null;
    public long Total => (InputTokens ?? 0) + (OutputTokens ?? 0);
}

/// <summary>
/// What a dataset generation spent with its provider and model. <see cref="Calls"/> counts requests that went to the
/// provider (answered or failed after the HTTP retries); <see cref="Retries"/> the HTTP retries among them. Tokens are
/// the sums the replies reported; when any reply reported none, the totals are unknown (null), never 0, and
/// <see cref="KnownInputTokens"/> is a lower bound. The cost is estimated from <see cref="Price"/>; without a price,
/// or with unknown tokens, it is unknown (null). The offline provider calls no LLM: 0 calls, nothing spent.
/// </summary>
public sealed record LlmUsage
{
    public const string OfflineProvider = "offline";

    public required string Provider { get; init; }
    public required string Model { get; init; }
    public int Calls { get; init; }
    public int FailedCalls { get; init; }
    public int Retries { get; init; }
    public long KnownInputTokens { get; init; }
    public long KnownOutputTokens { get; init; }
    /// <summary>Answered calls whose reply carried no token usage.</summary>
    public int CallsWithoutUsage { get; init; }
    /// <summary>The most tokens (input + output) one call spent: the estimate of the next call.</summary>
    public long LargestCallTokens { get; init; }
    public TimeSpan Duration { get; init; }
    /// <summary>The price of <see cref="Model"/> at <see cref="Provider"/>; null when the price table has none.</summary>
    public LlmPrice? Price { get; init; }
    /// <summary>The budget that stopped (or prevented) generation, spelled as in the spec; null when none did.</summary>
    public string? BudgetStopped { get; init; }
    /// <summary>Why, with the numbers; null when no budget stopped generation.</summary>
    public string? BudgetMessage { get; init; }

    public bool Offline => Provider == OfflineProvider;
    public bool TokensKnown => CallsWithoutUsage == 0;
    public long? InputTokens => TokensKnown ? KnownInputTokens : null;
    public long? OutputTokens => TokensKnown ? KnownOutputTokens : null;
    public long? TotalTokens => TokensKnown ? KnownInputTokens + KnownOutputTokens : null;

    /// <summary>Estimated USD; 0 for the offline provider; null (unknown) without a price or with unknown tokens.</summary>
    public double? CostUsd => Offline ? 0 : Calls == 0 ? 0 : Price is { } p && TokensKnown ? p.Cost(KnownInputTokens, KnownOutputTokens) : null;

    /// <summary>Why <see cref="CostUsd"/> is unknown; null when it is known.</summary>
    public string? CostUnknownReason => CostUsd is not null ? null
        : !TokensKnown ? $"{CallsWithoutUsage} of {Calls - FailedCalls} replies reported no token usage"
        : $"no price for {Provider}/{Model} in {LlmPriceTable.Variable} ({LlmPriceTable.ConfigurationKey})";

    /// <summary>Usage of a generation that made no call yet.</summary>
    public static LlmUsage None(string provider, string model, LlmPrice? price = null) => new() { Provider = provider, Model = model, Price = price };

    /// <summary>This usage with one more answered call.</summary>
    public LlmUsage Add(LlmCallUsage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return this with
        {
            Calls = Calls + 1,
            Retries = Retries + call.Retries,
            KnownInputTokens = KnownInputTokens + (call.InputTokens ?? 0),
            KnownOutputTokens = KnownOutputTokens + (call.OutputTokens ?? 0),
            CallsWithoutUsage = CallsWithoutUsage + (call.Known ? 0 : 1),
            LargestCallTokens = Math.Max(LargestCallTokens, call.Total),
        };
    }

    /// <summary>This usage with one more call that failed after <paramref name="retries"/> retries (no reply, no tokens reported).</summary>
    public LlmUsage AddFailed(int retries) => this with { Calls = Calls + 1, FailedCalls = FailedCalls + 1, Retries = Retries + retries };

    /// <summary>One line for people: calls, tokens, cost, each said as known, unknown or nothing spent.</summary>
    public string Describe()
    {
        if (Offline) return "offline provider: no LLM calls, nothing spent";
        var calls = Invariant($"{Calls} call(s) to {Provider}/{Model} ({FailedCalls} failed, {Retries} retries, {Duration.TotalSeconds:0.0} s)");
        var tokens = TokensKnown
            ? Invariant($"{KnownInputTokens} input + {KnownOutputTokens} output tokens")
            : Invariant($"tokens unknown ({CallsWithoutUsage} of {Calls - FailedCalls} replies reported no usage; at least {KnownInputTokens} input + {KnownOutputTokens} output)");
        var cost = CostUsd is { } usd ? Invariant($"estimated cost ${usd:0.0000}") : $"cost unknown ({CostUnknownReason})";
        return $"{calls}; {tokens}; {cost}";
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
