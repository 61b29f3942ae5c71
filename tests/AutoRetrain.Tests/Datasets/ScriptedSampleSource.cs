using Sentinel.AutoRetrain.Datasets;

namespace Sentinel.AutoRetrain.Tests.Datasets;

/// <summary>A sample source that replays scripted replies (raw LLM text or exceptions), then waits forever when told to.</summary>
internal sealed class ScriptedSampleSource(params object[] script) : ISampleSource
{
    private int _next;

    public string Provider => "local";
    public string Model => "scripted";
    public string? PromptHash => "abc123";
    public bool HangWhenDone { get; init; }
    public int Calls => _next;
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<SampleBatch> NextBatchAsync(CancellationToken cancellationToken)
    {
        if (_next >= script.Length)
        {
            _next++;
            if (!HangWhenDone) return new SampleBatch([]);
            Hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        return script[_next++] switch
        {
            string reply => GeneratedSampleParser.Parse(reply),
            Exception e => throw e,
            var other => throw new InvalidOperationException($"unexpected script entry {other}"),
        };
    }

    public void Dispose()
    {
    }
}
