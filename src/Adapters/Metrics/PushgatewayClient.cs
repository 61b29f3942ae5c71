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
        if (Target(job, groupingKey) is not var (url, origin)) return PushOutcome.NotConfigured;
        using var body = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(body, ExpositionFormat.PrometheusText, cancellationToken);
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = TextFormat;
        await SendAsync(HttpMethod.Put, url, content, job, origin, "push", cancellationToken);
        LogPushed(logger, job, origin);
        return PushOutcome.Pushed;
    }

    public async Task<PushOutcome> DeleteAsync(string job, IReadOnlyDictionary<string, string> groupingKey, CancellationToken cancellationToken)
    {
        if (Target(job, groupingKey) is not var (url, origin)) return PushOutcome.NotConfigured;
        await SendAsync(HttpMethod.Delete, url, null, job, origin, "deletion", cancellationToken);
        LogDeleted(logger, job, origin);
        return PushOutcome.Pushed;
    }

    private (Uri Url, string Origin)? Target(string job, IReadOnlyDictionary<string, string> groupingKey)
    {
        var baseUrl = options.Value.PushgatewayUri;
        if (baseUrl is null)
        {
            LogNotConfigured(logger, job);
            return null;
        }
        return (new Uri(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), PushgatewayPath.For(job, groupingKey)), RedactedUrl.Origin(baseUrl));
    }

    private async Task SendAsync(HttpMethod method, Uri url, HttpContent? content, string job, string origin, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var answer = await ReadShortAsync(response, cancellationToken);
                LogRejected(logger, job, origin, (int)response.StatusCode);
                throw new DependencyUnavailableException(Dependency,
                    $"the Pushgateway at {origin} answered {(int)response.StatusCode} to the {what} of job '{job}': {answer}; check PROMETHEUS_PUSHGATEWAY_URL and that no other job pushes these metric names with other types");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, job, origin, ex.Message);
            var action = what == "push" ? $"push metrics of job '{job}' to" : $"delete a metrics group of job '{job}' at";
            throw new DependencyUnavailableException(Dependency,
                $"could not {action} the Pushgateway at {origin}: {ex.Message}; check PROMETHEUS_PUSHGATEWAY_URL and that the Pushgateway is running", ex);
        }
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted a metrics group of job {Job} at {Pushgateway}")]
    private static partial void LogDeleted(ILogger logger, string job, string pushgateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushgateway {Pushgateway} refused metrics of job {Job} with status {StatusCode}")]
    private static partial void LogRejected(ILogger logger, string job, string pushgateway, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushgateway {Pushgateway} unreachable for job {Job}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string job, string pushgateway, string reason);
}
