using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentinel.Adapters.Hosting;
using Sentinel.Adapters.Hosting.Specs;
using Sentinel.Core.Reports;
using Sentinel.Core.Specs;
using Sentinel.MonitorJob.Composition;
using Sentinel.MonitorJob.Monitoring;

namespace Sentinel.MonitorJob.Cli;

/// <summary>
/// <c>sentinel-monitor</c>: parse → load and validate specs → evaluate → print the report on stdout →
/// exit code (see <see cref="ExitCodes"/>). Problems are one line each on stderr, prefixed with the
/// program's name (see <see cref="CliErrors"/>); stack traces only with <c>--verbose</c>.
/// </summary>
public static class MonitorProgram
{
    private const string Name = "sentinel-monitor";

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parse = MonitorCommand.Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync($"{Name}: {error.Message}");
            await stderr.WriteLineAsync($"{Name}: run '{Name} --help' for usage");
            return ExitCodes.InvalidInput;
        }
        if (parse.Action is not null) return await parse.InvokeAsync();

        var verbose = args.Contains("--verbose");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return await CliErrors.RunAsync(Name, verbose, stderr, async () =>
        {
            var arguments = MonitorCommand.Read(parse, environment);
            var defaults = SeedDefaults.FromEnvironment(environment);
            var loaded = SpecialistSpecLoader.LoadForRun(arguments.SpecPaths, environment);
            var specialists = SpecialistSelection.Select(loaded, arguments.SpecialistType, defaults);

            using var host = MonitorHost.Build(arguments, environment);
            await host.StartAsync(cancel.Token);
            if (arguments.Signals == Signals.Online)
                return await RunOnlineAsync(host, specialists, arguments, stdout, stderr, cancel.Token);
            var outcome = await host.Services.GetRequiredService<MonitorRun>().ExecuteAsync(specialists, arguments, cancel.Token);
            await host.StopAsync(CancellationToken.None);

            if (outcome.Reports.Count > 0)
                await stdout.WriteAsync(arguments.OutputFormat == OutputFormat.Json ? JsonReport.Render(outcome.Reports) + "\n" : TextReport.Render(outcome.Reports));
            foreach (var problem in outcome.Problems) await stderr.WriteLineAsync($"{Name}: {problem}");

            if (outcome.RolloutFailed) return ExitCodes.RolloutFailed;
            if (outcome.Problems.Count > 0) return ExitCodes.DependencyUnavailable;
            return arguments.FailOnDegraded && outcome.Reports.Any(r => r.Evaluation.Degraded) ? ExitCodes.Degraded : ExitCodes.Success;
        }, cancel.Token);
    }

    private static async Task<int> RunOnlineAsync(IHost host, IReadOnlyList<ResolvedSpecialist> specialists, MonitorArguments arguments,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var outcome = await host.Services.GetRequiredService<OnlineSignalsRun>().ExecuteAsync(specialists, cancellationToken);
        await host.StopAsync(CancellationToken.None);
        if (outcome.Reports.Count > 0)
            await stdout.WriteAsync(arguments.OutputFormat == OutputFormat.Json ? OnlineSignalsRendering.Json(outcome.Reports) + "\n" : OnlineSignalsRendering.Text(outcome.Reports));
        foreach (var problem in outcome.Problems) await stderr.WriteLineAsync($"{Name}: {problem}");
        if (outcome.Problems.Count > 0) return ExitCodes.DependencyUnavailable;
        return arguments.FailOnDegraded && outcome.Reports.Any(r => r.Degraded) ? ExitCodes.Degraded : ExitCodes.Success;
    }
}
