using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Rollout;

namespace Sentinel.ModelServer.Apis;

/// <summary>
/// <c>GET /health/live</c> (the process answers), <c>GET /health/ready</c> (a model is loaded: send traffic) and
/// <c>GET /health</c>, the seed's health check: the same answer as readiness. Readiness is the champion's alone: a
/// challenger that is missing or refused never makes the server unready; the body shows it when one is held.
/// </summary>
public static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", Live).WithName("Live").WithSummary("200 while the process serves HTTP.");
        group.MapGet("/ready", Ready).WithName("Ready").WithSummary("200 once a model is loaded, else 503.");
        group.MapGet("", Ready).WithName("Health").WithSummary("The seed's health check: readiness with its JSON body (200 once a model is loaded, else 503).");
        return group;
    }

    internal static Ok<HealthResponse> Live(ModelHolder holder, ChallengerSlot challenger, IOptions<ModelServerOptions> options) =>
        TypedResults.Ok(new HealthResponse("live", options.Value.SpecialistType, Describe(holder), Describe(challenger)));

    internal static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> Ready(ModelHolder holder, ChallengerSlot challenger, IOptions<ModelServerOptions> options)
    {
        var model = Describe(holder);
        return model is null
            ? TypedResults.Json(new HealthResponse("not ready: no model loaded", options.Value.SpecialistType, null, Describe(challenger)), statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(new HealthResponse("ready", options.Value.SpecialistType, model, Describe(challenger)));
    }

    private static ChallengerDescriptor? Describe(ChallengerSlot challenger)
    {
        if (challenger.Current is not { } current) return null;
        var plan = challenger.Plan;
        return new ChallengerDescriptor(current.Identity.Name, current.Identity.Version, plan.ModeName, plan.CanaryShare, plan.ShadowShare);
    }

    private static ModelDescriptor? Describe(ModelHolder holder) =>
        holder.Current is { } current ? new ModelDescriptor(current.Identity.Name, current.Identity.Version) : null;
}
