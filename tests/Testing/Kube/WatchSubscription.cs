using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Sentinel.Testing.Kube;

/// <summary>One open watch: the events it still has to send, and a token that ends it when the server drops watches.</summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _dropped = new();
    private readonly LabelSelector _selector;

    internal WatchSubscription(ApiResource resource, string? ns, LabelSelector selector)
    {
        Resource = resource;
        Namespace = ns;
        _selector = selector;
    }

    public ApiResource Resource { get; }
    public string? Namespace { get; }
    public ChannelReader<string> Lines => _lines.Reader;
    public CancellationToken Dropped => _dropped.Token;

    internal bool Wants(ApiResource resource, string ns, JsonObject obj) =>
        resource == Resource && (Namespace is null || Namespace == ns) && _selector.Matches(obj);

    internal void Send(string type, JsonNode obj) =>
        _lines.Writer.TryWrite(new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString());

    internal void Drop()
    {
        _lines.Writer.TryComplete();
        _dropped.Cancel();
    }

    public void Dispose() => _dropped.Dispose();
}
