using Sentinel.Adapters.Hosting.Http;

namespace Sentinel.GoldenJob.Configuration;

/// <summary>
/// What the golden-set evaluator runs over and against (section <c>Sentinel:Golden</c>; environment variables mapped in
/// <see cref="Adapters.Configuration.SeedEnvironment"/>), validated at start-up by <see cref="GoldenOptionsValidator"/>.
/// </summary>
public sealed class GoldenOptions
{
    public const string SectionName = "Sentinel:Golden";

    /// <summary>The labelled dataset (<c>GOLDEN_SET_PATH</c>): <c>.jsonl</c> (one <c>{"text", "label"}</c> per line) or <c>.parquet</c>.</summary>
    public string? SetPath { get; set; }

    /// <summary>Base URL of the model server serving the champion (<c>MODEL_SERVER_URL</c>), e.g. <c>http://sentinel-model-server:8080</c>.</summary>
    public string? ModelServerUrl { get; set; }

    /// <summary>
    /// The specialist evaluated (<c>SPECIALIST_TYPE</c>); when set, the model server must serve it. Unset, the model
    /// server's own specialist is used.
    /// </summary>
    public string? SpecialistType { get; set; }

    /// <summary>At most this many rows, the first ones, are evaluated (<c>GOLDEN_MAX_ITEMS</c>). Default 1000.</summary>
    public int MaxItems { get; set; } = 1000;

    /// <summary>Texts per <c>POST /predict</c> (<c>GOLDEN_BATCH_SIZE</c>); at most the server's <c>MaxBatchSize</c> (64 by default). Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary><c>POST /feedback</c> calls in flight at once. Default 4.</summary>
    public int FeedbackConcurrency { get; set; } = 4;

    /// <summary>Upper bound of one attempt of one call to the model server, in seconds. Default 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a transient failure (connection refused, 5xx such as "no model loaded yet", timeout). Default 3.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>First retry delay; later ones back off exponentially with jitter. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><see cref="ModelServerUrl"/> as an absolute URL with a trailing slash (valid after validation).</summary>
    public Uri ModelServerUri => new(ModelServerUrl!.Trim().TrimEnd('/') + "/", UriKind.Absolute);

    public HttpRetrySettings RetrySettings => new(TimeSpan.FromSeconds(TimeoutSeconds), Retries, RetryDelay);
}
