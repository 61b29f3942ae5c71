namespace Sentinel.ModelServer.Configuration;

/// <summary>
/// Where the text of a prediction is kept (<see cref="ModelServerOptions.PredictionTextRetention"/>,
/// <c>PREDICTION_TEXT_RETENTION</c>). Texts may be personal data; each mode trades what the retrain can learn from
/// against where such data is kept.
/// </summary>
public enum TextRetention
{
    /// <summary>
    /// In memory only, among the recent predictions, and stored with feedback that gives the true label while the
    /// prediction is still there; never in the prediction log. Feedback on an older prediction has no text.
    /// </summary>
    Labelled,

    /// <summary>In the prediction log and with every feedback record (what <c>LOG_PREDICTION_TEXT=true</c> did).</summary>
    All,

    /// <summary>Nowhere: the retrain cannot learn from people's labels.</summary>
    None,
}

/// <summary>The setting's spelling: <c>labelled</c>, <c>all</c>, <c>none</c>.</summary>
public static class TextRetentions
{
    /// <summary>The setting and its variable, as messages name them.</summary>
    public const string Setting = "Sentinel:ModelServer:PredictionTextRetention (PREDICTION_TEXT_RETENTION)";

    /// <summary>The accepted values, as messages list them.</summary>
    public const string Values = "labelled, all or none";

    /// <summary>The mode named by <paramref name="value"/> (case and surrounding spaces ignored), or null when it names none.</summary>
    public static TextRetention? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "labelled" => TextRetention.Labelled,
        "all" => TextRetention.All,
        "none" => TextRetention.None,
        _ => null,
    };

    public static string Name(TextRetention retention) => retention switch
    {
        TextRetention.Labelled => "labelled",
        TextRetention.All => "all",
        TextRetention.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(retention), retention, null),
    };
}
