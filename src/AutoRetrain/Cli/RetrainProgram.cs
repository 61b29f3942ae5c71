using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentinel.Adapters.Hosting;
using Sentinel.Adapters.Hosting.Specs;
using Sentinel.AutoRetrain.Composition;
using Sentinel.AutoRetrain.Flow;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Cli;

/// <summary>
/// <c>sentinel-retrain</c>: parse → load and validate specs → decide per specialist → retrain (or print the plan
/// with <c>--dry-run</c>) → print the summary on stdout → exit code (see <see cref="ExitCodes"/>). Problems are one
/// line each on stderr (see <see cref="CliErrors"/>); logs go to stderr too.
/// </summary>
public static class RetrainProgram
{
    private const string Name = "sentinel-retrain";

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parse = RetrainCommand.Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync($"{Name}: {error.Message}");
            await stderr.WriteLineAsync($"{Name}: run '{Name} --help' for usage");
            return ExitCodes.InvalidInput;
        }
        if (parse.Action is not null) return await parse.InvokeAsync();

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return await CliErrors.RunAsync(Name, args.Contains("--verbose"), stderr, async () =>
        {
            var arguments = RetrainCommand.Read(parse, environment);
            var defaults = SeedDefaults.FromEnvironment(environment);
            var loaded = SpecialistSpecLoader.LoadForRun(arguments.SpecPaths, environment);
            var specialists = SpecialistSelection.Select(loaded, arguments.SpecialistType, defaults);

            using var host = RetrainHost.Build(arguments, environment);
            await host.StartAsync(cancel.Token);
            var outcome = await host.Services.GetRequiredService<RetrainRun>().ExecuteAsync(specialists, arguments, cancel.Token);
            await host.StopAsync(CancellationToken.None);

            if (outcome.Results.Count > 0)
                await stdout.WriteAsync(arguments.OutputFormat == OutputFormat.Json ? RetrainJsonSummary.Render(outcome.Results) + "\n" : RetrainTextSummary.Render(outcome.Results));
            foreach (var failed in outcome.Results.Where(r => r.Status == RetrainState.Failed))
                await stderr.WriteLineAsync($"{Name}: {failed.SpecialistType}: retrain failed at step {failed.FailedStep}: {failed.Error}");
            foreach (var problem in outcome.Problems) await stderr.WriteLineAsync($"{Name}: {problem}");
            return ExitCode(outcome);
        }, cancel.Token);
    }

    private static int ExitCode(RetrainOutcome outcome)
    {
        var failed = outcome.Results.Where(r => r.Status == RetrainState.Failed).ToList();
        if (failed.Any(r => r.FailedDependency is null)) return ExitCodes.RetrainFailed;
        return failed.Count > 0 || outcome.Problems.Count > 0 ? ExitCodes.DependencyUnavailable : ExitCodes.Success;
    }
}
