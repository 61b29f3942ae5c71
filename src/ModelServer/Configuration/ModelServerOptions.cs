using System.ComponentModel.DataAnnotations;

namespace Sentinel.ModelServer.Configuration;

/// <summary>
/// What the model server serves and how (section <c>Sentinel:ModelServer</c>; environment variables in
/// <see cref="Adapters.Configuration.SeedEnvironment"/>). The champion comes from the tracking store's registry
/// (<see cref="RegisteredModel"/> at <see cref="Alias"/>) unless <see cref="ModelPath"/> names a local file.
/// </summary>
public sealed class ModelServerOptions
{
    public const string SectionName = "Sentinel:ModelServer";

    /// <summary>The specialist served (<c>SPECIALIST_TYPE</c>), e.g. <c>sentiment</c>; a label on every metric and logged prediction.</summary>
    [Required(ErrorMessage = "Sentinel:ModelServer:SpecialistType (SPECIALIST_TYPE) must name the specialist served, e.g. 'sentiment'.")]
    [RegularExpression("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
        ErrorMessage = "Sentinel:ModelServer:SpecialistType (SPECIALIST_TYPE) must be a lower-case name of letters, digits and '-', e.g. 'sentiment'.")]
    public string SpecialistType { get; set; } = "";

    /// <summary>Registered model name; default <c>{SpecialistType}-specialist</c>.</summary>
    public string? RegisteredModel { get; set; }

    /// <summary>Registry alias of the served version (<c>MODEL_ALIAS</c>), default <c>champion</c>.</summary>
    [Required(ErrorMessage = "Sentinel:ModelServer:Alias (MODEL_ALIAS) must name a registry alias, e.g. 'champion'.")]
    [RegularExpression(@"^[A-Za-z0-9_\-]{1,255}$", ErrorMessage = "Sentinel:ModelServer:Alias (MODEL_ALIAS) may hold letters, digits, '_' and '-' only, e.g. 'champion'.")]
    public string Alias { get; set; } = "champion";

    /// <summary>A local <c>model.onnx</c> to serve instead of the registry (<c>MODEL_PATH</c>); its label map is <c>labels.json</c> beside it.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Version reported for <see cref="ModelPath"/> (<c>MODEL_VERSION</c>); default <c>file-</c> + the first 12 hex digits of its SHA-256.</summary>
    [RegularExpression(@"^[A-Za-z0-9_.\-]{1,64}$", ErrorMessage = "Sentinel:ModelServer:ModelVersion (MODEL_VERSION) may hold letters, digits, '.', '_' and '-' only (at most 64), e.g. 'v2'.")]
    public string? ModelVersion { get; set; }

    /// <summary>How often to look for a new champion (<c>MODEL_POLL_INTERVAL</c>). Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00", ErrorMessage = "Sentinel:ModelServer:PollInterval (MODEL_POLL_INTERVAL) must be between 0.1 s and 1 day, e.g. 00:01:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where downloaded models are kept; default <c>{SENTINEL_DATA_DIR}/model-cache</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Refuse a registry model without a <c>model.onnx.sha256</c> artifact. Default false: the hash is then computed and cached only.</summary>
    public bool RequireChecksum { get; set; }

    /// <summary>Largest request body accepted, in bytes. Default 1 MiB.</summary>
    [Range(1_024, 64 * 1024 * 1024, ErrorMessage = "Sentinel:ModelServer:MaxRequestBodyBytes must be between 1024 and 67108864, e.g. 1048576.")]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest text accepted, in characters. Default 10000.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Sentinel:ModelServer:MaxTextLength must be between 1 and 1000000, e.g. 10000.")]
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>Most texts in one batch. Default 64.</summary>
    [Range(1, 10_000, ErrorMessage = "Sentinel:ModelServer:MaxBatchSize must be between 1 and 10000, e.g. 64.")]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Most items in one <c>POST /feedback/batch</c>. Default 500.</summary>
    [Range(1, 10_000, ErrorMessage = "Sentinel:ModelServer:MaxFeedbackBatchSize must be between 1 and 10000, e.g. 500.")]
    public int MaxFeedbackBatchSize { get; set; } = 500;

    /// <summary>Longest feedback note, in characters. Default 2000.</summary>
    [Range(0, 100_000, ErrorMessage = "Sentinel:ModelServer:MaxNoteLength must be between 0 and 100000, e.g. 2000.")]
    public int MaxNoteLength { get; set; } = 2_000;

    /// <summary>
    /// Where a prediction's text is kept (<c>PREDICTION_TEXT_RETENTION</c>): <c>labelled</c> (the default) keeps it in
    /// memory among the <see cref="RecentPredictionCapacity"/> recent predictions only and stores it with feedback that
    /// gives the true label, so a retrain can learn from people's labels without a log of every text; <c>all</c> also
    /// stores it in the prediction log and with every feedback record; <c>none</c> keeps it nowhere. Texts may be
    /// personal data. Unset: <c>labelled</c>, or <c>all</c> when the deprecated <see cref="LogPredictionText"/> is true.
    /// </summary>
    public string? PredictionTextRetention { get; set; }

    /// <summary>
    /// Deprecated alias of <see cref="PredictionTextRetention"/> (<c>LOG_PREDICTION_TEXT</c>): true means <c>all</c>;
    /// false leaves the mode to <see cref="PredictionTextRetention"/>. Setting both so that they disagree fails validation.
    /// </summary>
    public bool? LogPredictionText { get; set; }

    /// <summary>
    /// Share of the predictions logged with their input's hashed feature vector (<c>FEATURE_SAMPLE_RATE</c>), which the
    /// monitor's input drift test compares with the champion's reference sample. Default 0.1; 0 logs none (input drift
    /// is then reported unknown).
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Sentinel:ModelServer:FeatureSampleRate (FEATURE_SAMPLE_RATE) must be between 0 and 1, e.g. 0.1; 0 turns input feature logging off.")]
    public double FeatureSampleRate { get; set; } = 0.1;

    /// <summary>Predictions waiting to be written; when full, new ones are dropped and counted. Default 10000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Sentinel:ModelServer:PredictionQueueCapacity must be between 1 and 10000000, e.g. 10000.")]
    public int PredictionQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Requests waiting to be scored off the request path by the challenger (shadow) or by the champion beside a canary
    /// answer (<c>SHADOW_QUEUE_CAPACITY</c>). When full, new ones are dropped and counted
    /// (<c>sentinel_model_server_shadow_queue_dropped_total</c>); the answers are served all the same. Default 10000.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "Sentinel:ModelServer:ShadowQueueCapacity (SHADOW_QUEUE_CAPACITY) must be between 1 and 10000000, e.g. 10000.")]
    public int ShadowQueueCapacity { get; set; } = 10_000;

    /// <summary>Most predictions written in one database call. Default 500.</summary>
    [Range(1, 100_000, ErrorMessage = "Sentinel:ModelServer:PredictionWriteBatchSize must be between 1 and 100000, e.g. 500.")]
    public int PredictionWriteBatchSize { get; set; } = 500;

    /// <summary>
    /// How long the prediction log writer waits for a fuller batch when fewer than <see cref="PredictionWriteBatchSize"/>
    /// predictions are queued (<c>PREDICTION_WRITE_DELAY</c>). Default 25 ms: under load, fewer and larger batches cost the
    /// database (and the cores the requests share with it) much less per prediction; 0 writes as soon as anything is queued.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05", ErrorMessage = "Sentinel:ModelServer:PredictionWriteDelay (PREDICTION_WRITE_DELAY) must be between 0 and 5 seconds, e.g. 00:00:00.025.")]
    public TimeSpan PredictionWriteDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Recent predictions kept in memory so feedback can join them before they reach the database. Default 100000. Under
    /// <see cref="PredictionTextRetention"/> <c>labelled</c> it is also how long labelled feedback can still bring its
    /// prediction's text: feedback on an older prediction is stored without it.
    /// </summary>
    [Range(0, 10_000_000, ErrorMessage = "Sentinel:ModelServer:RecentPredictionCapacity must be between 0 and 10000000, e.g. 100000.")]
    public int RecentPredictionCapacity { get; set; } = 100_000;

    /// <summary>The text retention in effect (meaningful once the options are valid).</summary>
    public TextRetention EffectiveTextRetention =>
        TextRetentions.Parse(PredictionTextRetention) ?? (LogPredictionText == true ? TextRetention.All : TextRetention.Labelled);

    /// <summary>The registered model name in effect.</summary>
    public string EffectiveRegisteredModel => string.IsNullOrWhiteSpace(RegisteredModel) ? $"{SpecialistType}-specialist" : RegisteredModel;
}
