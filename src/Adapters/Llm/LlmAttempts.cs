namespace Sentinel.Adapters.Llm;

/// <summary>
/// Counts the HTTP attempts of one LLM call, retries included: <see cref="Begin"/> opens a count for the calls made on
/// this async flow, and <see cref="AttemptCountingHandler"/> (inside the resilience pipeline, so it sees every attempt)
/// adds to it. A call's retries are its attempts less one.
/// </summary>
public static class LlmAttempts
{
    private static readonly AsyncLocal<Count?> Current = new();

    /// <summary>Starts counting the attempts of the calls made on this async flow until the scope is disposed.</summary>
    public static Count Begin()
    {
        var count = new Count(Current.Value);
        Current.Value = count;
        return count;
    }

    internal static void Record() => Current.Value?.Add();

    /// <summary>The attempts counted since <see cref="Begin"/>.</summary>
    public sealed class Count : IDisposable
    {
        private readonly Count? _outer;
        private int _attempts;

        internal Count(Count? outer) => _outer = outer;

        public int Attempts => Volatile.Read(ref _attempts);

        /// <summary>Attempts beyond the first (0 when none was made).</summary>
        public int Retries => Math.Max(0, Attempts - 1);

        internal void Add() => Interlocked.Increment(ref _attempts);

        public void Dispose() => Current.Value = _outer;
    }
}

/// <summary>Counts each HTTP attempt of an LLM request for <see cref="LlmAttempts"/>; added inside the resilience handler.</summary>
internal sealed class AttemptCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LlmAttempts.Record();
        return base.SendAsync(request, cancellationToken);
    }
}
