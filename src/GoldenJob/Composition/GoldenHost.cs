using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Adapters.Hosting;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Adapters.Metrics;
using Sentinel.GoldenJob.Cli;
using Sentinel.GoldenJob.Configuration;
using Sentinel.GoldenJob.Evaluation;
using Sentinel.GoldenJob.Metrics;
using Sentinel.GoldenJob.ModelServer;

namespace Sentinel.GoldenJob.Composition;

/// <summary>The golden-set evaluator's composition root: the shared CLI host, its options, the model server client and the Pushgateway.</summary>
public static class GoldenHost
{
    public static IHost Build(GoldenArguments arguments, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = CliHost.CreateBuilder(GoldenMetrics.Job, arguments.Verbose, environment);
        // An invalid setting fails the host's start: CliErrors prints each failure on one line, so the host's own
        // error log (the same failures with a stack trace) is kept for --verbose.
        if (!arguments.Verbose) builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Configuration.AddInMemoryCollection(arguments.Overrides.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        var configuration = builder.Configuration;

        builder.Services.AddGoldenEvaluation(configuration);
        builder.Services.AddSentinelMetrics(configuration);
        return builder.Build();
    }

    /// <summary>
    /// Registers <see cref="GoldenOptions"/> (validated at start-up; <c>SpecialistType</c> defaults to <c>SPECIALIST_TYPE</c>),
    /// the <see cref="ModelServerClient"/> typed client with Sentinel's resilience pipeline, <see cref="GoldenRun"/> and <see cref="GoldenMetrics"/>.
    /// </summary>
    public static IServiceCollection AddGoldenEvaluation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var specialistKey = SeedEnvironment.Keys["SPECIALIST_TYPE"];
        services.AddOptions<GoldenOptions>()
            .Bind(configuration.GetSection(GoldenOptions.SectionName))
            .PostConfigure(o => o.SpecialistType ??= configuration[specialistKey])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GoldenOptions>, GoldenOptionsValidator>();
        services.AddHttpClient<ModelServerClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<GoldenOptions>>().Value.ModelServerUri)
            .AddSentinelResilience(sp => sp.GetRequiredService<IOptions<GoldenOptions>>().Value.RetrySettings);
        services.AddTransient<GoldenRun>();
        services.AddTransient<GoldenMetrics>();
        return services;
    }
}
