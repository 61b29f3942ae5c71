using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Http;

namespace Sentinel.Adapters.Mlflow;

/// <summary>
/// How Sentinel reaches the MLflow tracking server (section <c>Sentinel:Mlflow</c>; <c>MLFLOW_TRACKING_URI</c> and
/// <c>MLFLOW_TIMEOUT_SECONDS</c> map onto it). Sentinel talks to MLflow only when <see cref="TrackingUri"/> is set.
/// </summary>
public sealed class MlflowOptions
{
    public const string SectionName = "Sentinel:Mlflow";

    /// <summary>The seed's in-cluster address of MLflow, for manifests and docs.</summary>
    public const string InClusterTrackingUri = "http://mlflow.mlflow:5000";

    /// <summary>Base URL of the tracking server, e.g. <c>http://mlflow.mlflow:5000</c> (a path prefix is kept).</summary>
    public string? TrackingUri { get; set; }

    /// <summary>Time allowed for one HTTP attempt.</summary>
    [Range(1, 600, ErrorMessage = "Sentinel:Mlflow:TimeoutSeconds (MLFLOW_TIMEOUT_SECONDS) must be between 1 and 600 seconds.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after the first attempt, for requests that are safe to repeat.</summary>
    [Range(0, 10, ErrorMessage = "Sentinel:Mlflow:MaxRetryAttempts must be between 0 and 10.")]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; later ones double, with jitter, up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    [Range(1, 60_000, ErrorMessage = "Sentinel:Mlflow:RetryBaseDelayMilliseconds must be between 1 and 60000.")]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    [Range(1, 300, ErrorMessage = "Sentinel:Mlflow:RetryMaxDelaySeconds must be between 1 and 300.")]
    public int RetryMaxDelaySeconds { get; set; } = 30;

    /// <summary>Share of failed attempts (over the sampling window) that opens the circuit.</summary>
    [Range(0.01, 1.0, ErrorMessage = "Sentinel:Mlflow:CircuitBreakerFailureRatio must be between 0.01 and 1.")]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts seen in the sampling window before the circuit may open.</summary>
    [Range(2, 10_000, ErrorMessage = "Sentinel:Mlflow:CircuitBreakerMinimumThroughput must be between 2 and 10000.")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit fails requests at once before letting one through.</summary>
    [Range(1, 600, ErrorMessage = "Sentinel:Mlflow:CircuitBreakerBreakSeconds must be between 1 and 600.")]
    public int CircuitBreakerBreakSeconds { get; set; } = 30;

    /// <summary>Runs asked for per <c>runs/search</c> page when looking for the newest finished run.</summary>
    [Range(1, 1000, ErrorMessage = "Sentinel:Mlflow:RunSearchPageSize must be between 1 and 1000.")]
    public int RunSearchPageSize { get; set; } = 100;

    /// <summary>The tracking URI with a trailing slash, so relative API paths keep any path prefix.</summary>
    public Uri ResolveBaseAddress()
    {
        var uri = TrackingUri?.Trim() ?? throw new InvalidOperationException("Sentinel:Mlflow:TrackingUri is not set.");
        return new Uri(uri.EndsWith('/') ? uri : uri + "/", UriKind.Absolute);
    }
}

/// <summary>Checks the tracking URI at start-up; the numeric ranges are data annotations on <see cref="MlflowOptions"/>.</summary>
internal sealed class MlflowOptionsValidator : IValidateOptions<MlflowOptions>
{
    public ValidateOptionsResult Validate(string? name, MlflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TrackingUri))
        {
            return ValidateOptionsResult.Fail(
                $"Sentinel:Mlflow:TrackingUri (MLFLOW_TRACKING_URI) is not set; set it to the MLflow server's URL, e.g. {MlflowOptions.InClusterTrackingUri}.");
        }
        if (!Uri.TryCreate(options.TrackingUri.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query))
        {
            return ValidateOptionsResult.Fail(
                $"Sentinel:Mlflow:TrackingUri (MLFLOW_TRACKING_URI) '{RedactedUrl.WithoutCredentials(options.TrackingUri)}' is not an http(s) URL without a query; " +
                $"use the server's address, e.g. {MlflowOptions.InClusterTrackingUri} (file: and databricks URIs are not supported).");
        }
        return ValidateOptionsResult.Success;
    }
}
