using Microsoft.Extensions.Configuration;

namespace Sentinel.Adapters.Hosting.Configuration;

/// <summary>
/// The one place where the seed's environment variables map onto configuration keys. Each adapter binds
/// its options from the section named here; <c>Sentinel__Section__Key</c> variables and appsettings work too.
/// A variable that is unset or empty leaves the key alone.
/// </summary>
public static class SeedEnvironment
{
    /// <summary>Variable → configuration key.</summary>
    public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SENTINEL_DATA_DIR"] = "Sentinel:DataDirectory",
        ["MONGODB_URI"] = "Sentinel:Feedback:MongoUri",
        ["MONGODB_DATABASE"] = "Sentinel:Feedback:Database",
        ["MLFLOW_TRACKING_URI"] = "Sentinel:Mlflow:TrackingUri",
        ["MLFLOW_TIMEOUT_SECONDS"] = "Sentinel:Mlflow:TimeoutSeconds",
        ["PROMETHEUS_PUSHGATEWAY_URL"] = "Sentinel:Metrics:PushgatewayUrl",
        ["METRICS_PREFIX"] = "Sentinel:Metrics:Prefix",
        ["SLACK_WEBHOOK_URL"] = "Sentinel:Slack:WebhookUrl",
        ["SLACK_CHANNEL"] = "Sentinel:Slack:Channel",
        ["SMTP_HOST"] = "Sentinel:Smtp:Host",
        ["SMTP_PORT"] = "Sentinel:Smtp:Port",
        ["SMTP_USER"] = "Sentinel:Smtp:User",
        ["SMTP_PASSWORD"] = "Sentinel:Smtp:Password",
        ["SMTP_FROM"] = "Sentinel:Smtp:From",
        ["EMAIL_RECIPIENTS"] = "Sentinel:Smtp:Recipients",
        ["OPENAI_API_KEY"] = "Sentinel:Llm:OpenAiApiKey",
        ["ANTHROPIC_API_KEY"] = "Sentinel:Llm:AnthropicApiKey",
        ["LLM_PRICES"] = "Sentinel:Llm:Prices",
        ["PROMPTS_DIR"] = "Sentinel:Retrain:PromptsDirectory",
        ["SPECIALIST_TYPE"] = "Sentinel:ModelServer:SpecialistType",
        ["MODEL_ALIAS"] = "Sentinel:ModelServer:Alias",
        ["MODEL_PATH"] = "Sentinel:ModelServer:ModelPath",
        ["MODEL_VERSION"] = "Sentinel:ModelServer:ModelVersion",
        ["MODEL_POLL_INTERVAL"] = "Sentinel:ModelServer:PollInterval",
        ["PREDICTION_TEXT_RETENTION"] = "Sentinel:ModelServer:PredictionTextRetention",
        // Deprecated alias: true means PREDICTION_TEXT_RETENTION=all.
        ["LOG_PREDICTION_TEXT"] = "Sentinel:ModelServer:LogPredictionText",
        ["PREDICTION_WRITE_DELAY"] = "Sentinel:ModelServer:PredictionWriteDelay",
        ["FEATURE_SAMPLE_RATE"] = "Sentinel:ModelServer:FeatureSampleRate",
        ["SHADOW_QUEUE_CAPACITY"] = "Sentinel:ModelServer:ShadowQueueCapacity",
        ["GOLDEN_SET_PATH"] = "Sentinel:Golden:SetPath",
        ["MODEL_SERVER_URL"] = "Sentinel:Golden:ModelServerUrl",
        ["GOLDEN_MAX_ITEMS"] = "Sentinel:Golden:MaxItems",
        ["GOLDEN_BATCH_SIZE"] = "Sentinel:Golden:BatchSize",
    };

    /// <summary>Adds the mapped variables read through <paramref name="get"/> (default: the process environment).</summary>
    public static IConfigurationBuilder AddSeedEnvironment(this IConfigurationBuilder builder, Func<string, string?>? get = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        get ??= Environment.GetEnvironmentVariable;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Keys)
        {
            var value = get(variable);
            if (!string.IsNullOrWhiteSpace(value)) values[key] = value.Trim();
        }
        return builder.AddInMemoryCollection(values);
    }

    /// <summary>The local data directory for the embedded stores: <c>SENTINEL_DATA_DIR</c>, else <c>./.sentinel</c>.</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dir = configuration["Sentinel:DataDirectory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(dir) ? ".sentinel" : dir);
    }
}
