using System.Net;
using System.Net.Sockets;

namespace Sentinel.Testing.Servers;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a server, that a test can take down and bring back on the same port: while
/// down, new connections are refused and open ones are cut, as when the server process restarts. Clients that point
/// at <see cref="Address"/> see exactly that outage; the server behind it keeps its state.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    private OutageProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool IsUp { get; private set; }

    /// <summary>Starts forwarding 127.0.0.1:(a free port) to <paramref name="target"/>.</summary>
    public static OutageProxy Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var proxy = new OutageProxy(new IPEndPoint(IPAddress.Loopback, target.Port), LocalServerProcess.FreePort());
        proxy.Up();
        return proxy;
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Up()
    {
        lock (_gate)
        {
            if (IsUp) return;
            _stop = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _accepting = AcceptAsync(_listener, _stop.Token);
            IsUp = true;
        }
    }

    /// <summary>Refuses new connections and cuts the open ones.</summary>
    public async Task DownAsync()
    {
        Task accepting;
        lock (_gate)
        {
            if (!IsUp) return;
            IsUp = false;
            _stop.Cancel();
            _listener!.Stop();
            foreach (var client in _open) client.Dispose();
            _open.Clear();
            accepting = _accepting;
        }
        await accepting;
    }

    public async ValueTask DisposeAsync()
    {
        await DownAsync();
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var upstream = new TcpClient();
        lock (_gate)
        {
            if (!IsUp) { client.Dispose(); upstream.Dispose(); return; }
            _open.Add(client);
            _open.Add(upstream);
        }
        try
        {
            await upstream.ConnectAsync(_target, cancellationToken);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var one = client.GetStream().CopyToAsync(upstream.GetStream(), linked.Token);
            var other = upstream.GetStream().CopyToAsync(client.GetStream(), linked.Token);
            await Task.WhenAny(one, other);
            await linked.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The outage, or either side closing: the connection ends, as it would with the real server.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }
            client.Dispose();
            upstream.Dispose();
        }
    }
}
