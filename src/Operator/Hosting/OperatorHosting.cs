using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;
using Sentinel.Operator.Kube;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Hosting;

public static class OperatorHosting
{
    /// <summary>Binds and validates <see cref="OperatorOptions"/> and registers the runtime, the controllers and leader election.</summary>
    public static WebApplicationBuilder AddSentinelOperator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddSeedEnvironment();
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton(_ => SeedDefaults.FromEnvironment(Environment.GetEnvironmentVariable));
        services.AddSingleton(TimeProvider.System);
        services.AddSentinelKubernetes();
        services.AddSingleton(_ => new OperatorMetrics());
        services.AddSingleton<OperatorState>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<OperatorRuntime>();
        services.AddHostedService<LeaderElectionService>();
        services.AddHealthChecks()
            .AddCheck("alive", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        return builder;
    }

    /// <summary>Serves <c>/metrics</c> (Prometheus), <c>/healthz</c> (the process answers) and <c>/readyz</c> (standby, or leading with synced caches).</summary>
    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMetrics("/metrics");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    private sealed class ReadinessCheck(OperatorState state) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(state.Ready
                ? HealthCheckResult.Healthy(state.Leading ? "leading, caches synced" : "standing by")
                : HealthCheckResult.Unhealthy("leading, caches not yet synced"));
    }
}
