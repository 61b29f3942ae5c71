using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sentinel.Testing.Mlflow.Endpoints;

namespace Sentinel.Testing.Mlflow;

/// <summary>
/// An in-process stand-in for an MLflow 2.12 tracking server started with <c>--serve-artifacts</c>, on
/// <c>127.0.0.1</c> and a free port, in memory. It answers the endpoints Sentinel uses with MLflow's shapes, status
/// codes and error codes as recorded in <c>shared/fixtures/mlflow</c>, Werkzeug HTML pages for unknown routes (404)
/// and wrong methods (405), and injects faults on request (<see cref="Faults"/>). <see cref="StopAsync"/> makes it
/// unreachable.
/// </summary>
public sealed class MlflowServerDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();
    private bool _stopped;

    private MlflowServerDouble(WebApplication app, MlflowState state, MlflowFaults faults)
    {
        _app = app;
        State = state;
        Faults = faults;
    }

    public MlflowState State { get; }
    public MlflowFaults Faults { get; }

    /// <summary>The tracking URI, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request received, as <c>METHOD /path</c>, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>How many requests arrived for <paramref name="path"/> (e.g. <c>/api/2.0/mlflow/runs/create</c>).</summary>
    public int CountRequests(string path) => _requests.Count(r => r.EndsWith(" " + path, StringComparison.Ordinal));

    public static async Task<MlflowServerDouble> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var state = new MlflowState();
        var faults = new MlflowFaults();
        var server = new MlflowServerDouble(app, state, faults);

        app.Use(async (context, next) =>
        {
            server._requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (await faults.ApplyAsync(context, state)) return;
            await next(context);
        });
        app.UseStatusCodePages(MlflowReplies.StatusPageAsync);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (MlflowApiException error) when (!context.Response.HasStarted)
            {
                await MlflowReplies.ErrorAsync(context, error);
            }
        });
        ExperimentEndpoints.Map(app, state);
        RunEndpoints.Map(app, state);
        RunSearchEndpoint.Map(app, state);
        ArtifactEndpoints.Map(app, state);
        RegisteredModelEndpoints.Map(app, state);
        ModelVersionEndpoints.Map(app, state);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Stops listening: from now on connections to <see cref="BaseUri"/> are refused.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
