using System.Net;

namespace Sentinel.Testing.Kube;

/// <summary>
/// kube-apiserver v1.24.0 — the shared control plane's — evaluates CRD validation rules (CEL) with a data race
/// (kubernetes#114661, fixed in 1.24.10 and 1.25.6): now and then it refuses a valid object with 422 "internal error:
/// runtime error: index out of range … evaluating rule". The admin clients of the tests and benchmarks retry that answer,
/// and only that one, up to four times; a real validation error comes back at once.
/// </summary>
public sealed class CelRaceRetryHandler : DelegatingHandler
{
    private const int Attempts = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(attempt == 1 ? request : Copy(request, body), cancellationToken).ConfigureAwait(false);
            if (attempt == Attempts || response.StatusCode != HttpStatusCode.UnprocessableEntity) return response;
            // Reading buffers the content, so the caller can still read the answer returned below.
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!text.Contains("internal error: runtime error", StringComparison.Ordinal)) return response;
            response.Dispose();
        }
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers) copy.Headers.TryAddWithoutValidation(name, values);
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content!.Headers) copy.Content.Headers.TryAddWithoutValidation(name, values);
        }
        return copy;
    }
}
