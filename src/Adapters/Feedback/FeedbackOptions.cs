using System.ComponentModel.DataAnnotations;

namespace Sentinel.Adapters.Feedback;

/// <summary>
/// Where feedback is stored. With <see cref="MongoUri"/> set (<c>MONGODB_URI</c>) the MongoDB store is used;
/// unset, feedback goes to the embedded file database <c>{SENTINEL_DATA_DIR}/feedback.db</c>.
/// The remaining settings tune the MongoDB store's timeouts, retries and circuit breaker.
/// </summary>
public sealed class FeedbackOptions
{
    public const string SectionName = "Sentinel:Feedback";

    /// <summary>MongoDB connection string (<c>MONGODB_URI</c>), e.g. <c>mongodb://user:pass@mongo:27017/?authSource=admin</c>.</summary>
    public string? MongoUri { get; set; }

    /// <summary>MongoDB database (<c>MONGODB_DATABASE</c>); the collection is always <c>feedback</c>.</summary>
    [Required(ErrorMessage = "Sentinel:Feedback:Database (MONGODB_DATABASE) must name a database, e.g. 'sentinel'.")]
    [RegularExpression(@"^[^/\\. ""$]{1,63}$", ErrorMessage = "Sentinel:Feedback:Database (MONGODB_DATABASE) must be 1–63 characters without / \\ . space \" or $.")]
    public string Database { get; set; } = "sentinel";

    /// <summary>How long the driver looks for a usable server before an operation fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Sentinel:Feedback:ServerSelectionTimeout must be between 0.1 s and 5 min (e.g. 00:00:03).")]
    public TimeSpan ServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>TCP connect timeout of each connection.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Sentinel:Feedback:ConnectTimeout must be between 0.1 s and 5 min (e.g. 00:00:03).")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of one attempt of one operation (an insert batch, a statistics query).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Sentinel:Feedback:OperationTimeout must be between 0.1 s and 1 h (e.g. 00:00:30).")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a transient failure (connection lost, timeout); 0 disables retrying.</summary>
    [Range(0, 10, ErrorMessage = "Sentinel:Feedback:MaxRetryAttempts must be between 0 and 10.")]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>First retry delay; later retries back off exponentially (with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Sentinel:Feedback:RetryBaseDelay must be between 0 and 1 min (e.g. 00:00:00.250).")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0, ErrorMessage = "Sentinel:Feedback:CircuitBreakerFailureRatio must be between 0.01 and 1.")]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the circuit may open.</summary>
    [Range(2, 10_000, ErrorMessage = "Sentinel:Feedback:CircuitBreakerMinimumThroughput must be between 2 and 10000.")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "Sentinel:Feedback:CircuitBreakerSamplingDuration must be between 0.5 s and 1 h (e.g. 00:00:30).")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before letting one trial call through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "Sentinel:Feedback:CircuitBreakerBreakDuration must be between 0.5 s and 1 h (e.g. 00:00:30).")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
