using System.Globalization;

namespace Sentinel.Core.Retraining;

/// <summary>What a provider charges for a model, in US dollars per million tokens.</summary>
public sealed record LlmPrice(double InputUsdPerMillionTokens, double OutputUsdPerMillionTokens)
{
    /// <summary>The estimated cost in USD of <paramref name="inputTokens"/> and <paramref name="outputTokens"/>.</summary>
    public double Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputUsdPerMillionTokens + outputTokens * OutputUsdPerMillionTokens) / 1_000_000d;
}

/// <summary>
/// The price table (configuration key <see cref="ConfigurationKey"/>, variable <see cref="Variable"/>): entries
/// <c>provider/model=INPUT,OUTPUT</c> separated by <c>;</c>, prices in USD per million tokens, e.g.
/// <c>openai/gpt-4o-mini=0.15,0.60;anthropic/claude-sonnet-4-5=3,15</c>. The provider ends at the first <c>/</c>, so a
/// model may contain <c>/</c> and <c>:</c> (<c>local/llama3:8b=0,0</c>). A provider and model without an entry has
/// no price: its cost is unknown, never 0.
/// </summary>
public sealed class LlmPriceTable
{
    public const string ConfigurationKey = "Sentinel:Llm:Prices";
    public const string Variable = "LLM_PRICES";
    private const string Example = "e.g. openai/gpt-4o-mini=0.15,0.60;anthropic/claude-sonnet-4-5=3,15";

    private readonly Dictionary<(string Provider, string Model), LlmPrice> _prices;

    private LlmPriceTable(Dictionary<(string, string), LlmPrice> prices) => _prices = prices;

    public static LlmPriceTable Empty { get; } = new([]);

    public int Count => _prices.Count;

    /// <summary>The price of <paramref name="model"/> at <paramref name="provider"/>; null when the table has none.</summary>
    public LlmPrice? Find(string provider, string model) => _prices.GetValueOrDefault((provider, model));

    /// <summary>Reads the table; <paramref name="errors"/> names the key and what to fix for every bad entry.</summary>
    public static LlmPriceTable Parse(string? text, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var prices = new Dictionary<(string, string), LlmPrice>();
        foreach (var entry in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var equals = entry.LastIndexOf('=');
            if (slash <= 0 || equals <= slash + 1)
            {
                problems.Add($"{ConfigurationKey} ({Variable}): '{entry}' is not provider/model=INPUT,OUTPUT; {Example}");
                continue;
            }
            var provider = entry[..slash].Trim();
            var model = entry[(slash + 1)..equals].Trim();
            var numbers = entry[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (numbers.Length != 2 || !TryPrice(numbers[0], out var input) || !TryPrice(numbers[1], out var output))
            {
                problems.Add($"{ConfigurationKey} ({Variable}): '{entry}' needs two prices, input and output in USD per million tokens; {Example}");
                continue;
            }
            if (input < 0 || output < 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{ConfigurationKey} ({Variable}): the {(input < 0 ? "input" : "output")} price of {provider}/{model} is negative ({(input < 0 ? input : output)}); prices are USD per million tokens, 0 or more"));
                continue;
            }
            if (!prices.TryAdd((provider, model), new LlmPrice(input, output)))
                problems.Add($"{ConfigurationKey} ({Variable}): {provider}/{model} is priced twice; keep one entry");
        }
        errors = problems;
        return new LlmPriceTable(prices);
    }

    private static bool TryPrice(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
