using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Prometheus;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Core.Errors;

namespace Sentinel.Adapters.Metrics;

/// <summary>The Pushgateway over HTTP (typed client; retries and timeouts come from its resilience pipeline).</summary>
public sealed partial class PushgatewayClient(HttpClient http, IOptions<MetricsOptions> options, ILogger<PushgatewayClient> logger) : IMetricsPusher
{
    private const string Dependency = "pushgateway";
    private static readonly MediaTypeHeaderValue TextFormat = MediaTypeHeaderValue.Parse("text/plain; version=0.0.4; charset=utf-8");

    public async Task<PushOutcome> PushAsync(CollectorRegistry registry, string job, IReadOnlyDictionary<string, string> groupingKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var baseUrl = options.Value.PushgatewayUri;
        if (baseUrl is null)
        {
            LogNotConfigured(logger, job);
            return PushOutcome.NotConfigured;
        }

        var url = new Uri(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), PushgatewayPath.For(job, groupingKey));
        var origin = RedactedUrl.Origin(baseUrl);
        using var body = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(body, ExpositionFormat.PrometheusText, cancellationToken);
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = TextFormat;

        try
        {
            using var response = await http.PutAsync(url, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var answer = await ReadShortAsync(response, cancellationToken);
                LogRejected(logger, job, origin, (int)response.StatusCode);
                throw new DependencyUnavailableException(Dependency,
                    $"the Pushgateway at {origin} answered {(int)response.StatusCode} to the push of job '{job}': {answer}; check PROMETHEUS_PUSHGATEWAY_URL and that no other job pushes these metric names with other types");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, job, origin, ex.Message);
            throw new DependencyUnavailableException(Dependency,
                $"could not push metrics of job '{job}' to the Pushgateway at {origin}: {ex.Message}; check PROMETHEUS_PUSHGATEWAY_URL and that the Pushgateway is running", ex);
        }

        LogPushed(logger, job, origin);
        return PushOutcome.Pushed;
    }

    private static async Task<string> ReadShortAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return text.Length switch { 0 => "(empty answer)", > 300 => text[..300] + "…", _ => text };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No Pushgateway configured (PROMETHEUS_PUSHGATEWAY_URL); metrics of job {Job} are not pushed")]
    private static partial void LogNotConfigured(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed metrics of job {Job} to {Pushgateway}")]
    private static partial void LogPushed(ILogger logger, string job, string pushgateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushgateway {Pushgateway} refused metrics of job {Job} with status {StatusCode}")]
    private static partial void LogRejected(ILogger logger, string job, string pushgateway, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushgateway {Pushgateway} unreachable for job {Job}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string job, string pushgateway, string reason);
}
