using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentinel.Adapters.Hosting;
using Sentinel.Core.Errors;
using Sentinel.GoldenJob.Composition;
using Sentinel.GoldenJob.Evaluation;
using Sentinel.GoldenJob.Metrics;

namespace Sentinel.GoldenJob.Cli;

/// <summary>
/// <c>sentinel-golden</c>: parse → validate the settings → evaluate (<see cref="GoldenRun"/>) → print the summary on
/// stdout → push the run's gauges → exit code of <see cref="CliExitCodes"/>: 0 evaluated and every feedback record stored,
/// 2 bad settings or golden set (a malformed line, a label the model lacks, an empty set), 3 the model server or the
/// Pushgateway unavailable. Problems are one line each on stderr, prefixed with the program's name.
/// </summary>
public static class GoldenProgram
{
    private const string Name = GoldenMetrics.Job;

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parse = GoldenCommand.Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync($"{Name}: {error.Message}");
            await stderr.WriteLineAsync($"{Name}: run '{Name} --help' for usage");
            return CliExitCodes.InvalidInput;
        }
        if (parse.Action is not null) return await parse.InvokeAsync();

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return await CliErrors.RunAsync(Name, args.Contains("--verbose"), stderr, async () =>
        {
            var arguments = GoldenCommand.Read(parse);
            using var host = GoldenHost.Build(arguments, environment);
            await host.StartAsync(cancel.Token);
            var outcome = await host.Services.GetRequiredService<GoldenRun>().ExecuteAsync(cancel.Token);
            await stdout.WriteAsync(arguments.Json ? GoldenSummary.Json(outcome) : GoldenSummary.Text(outcome));
            if (outcome.Failure is { } failure) await stderr.WriteLineAsync($"{Name}: {failure.Message}");

            var code = outcome.Failure?.Kind switch
            {
                null => CliExitCodes.Success,
                GoldenFailureKind.InvalidInput => CliExitCodes.InvalidInput,
                _ => CliExitCodes.DependencyUnavailable,
            };
            try
            {
                await host.Services.GetRequiredService<GoldenMetrics>().PushAsync(outcome, cancel.Token);
            }
            catch (DependencyUnavailableException e)
            {
                await stderr.WriteLineAsync($"{Name}: metrics not pushed: {e.Dependency} unavailable: {e.Message}");
                code = code == CliExitCodes.Success ? CliExitCodes.DependencyUnavailable : code;
            }
            await host.StopAsync(CancellationToken.None);
            return code;
        }, cancel.Token);
    }
}
