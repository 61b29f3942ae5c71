using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Configuration;
using Sentinel.Core.Errors;
using Sentinel.Core.Specs;

namespace Sentinel.Adapters.Hosting;

/// <summary>
/// Runs a CLI's body and turns what escapes it into one line per problem on stderr, prefixed with the program's
/// name, and the exit code of <see cref="CliExitCodes"/>. Stack traces only with <c>--verbose</c>.
/// </summary>
public static class CliErrors
{
    public static async Task<int> RunAsync(string program, bool verbose, TextWriter stderr, Func<Task<int>> body, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (SpecValidationException e)
        {
            foreach (var error in e.Errors)
            {
                // An error about the source itself (the --specialist-type option) already starts with its name.
                var line = error.ToString();
                await stderr.WriteLineAsync(line.StartsWith(e.Source + ":", StringComparison.Ordinal) ? $"{program}: {line}" : $"{program}: {e.Source}: {line}");
            }
            if (e.Errors.Count == 0) await stderr.WriteLineAsync($"{program}: {e.Message}");
            return CliExitCodes.InvalidInput;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures) await stderr.WriteLineAsync($"{program}: configuration: {failure}");
            return CliExitCodes.InvalidInput;
        }
        catch (InvalidOperationException e) when (ConfigurationValueError.Describe(e) is { } problem)
        {
            await stderr.WriteLineAsync($"{program}: configuration: {problem}");
            return CliExitCodes.InvalidInput;
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"{program}: {e.Message}");
            return CliExitCodes.InvalidInput;
        }
        catch (DependencyUnavailableException e)
        {
            await stderr.WriteLineAsync($"{program}: {e.Dependency} unavailable: {e.Message}");
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return CliExitCodes.DependencyUnavailable;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{program}: cancelled");
            return CliExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: any other failure is a bug, reported in one line with a non-zero code.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"{program}: internal error: {e.GetType().Name}: {e.Message}" + (verbose ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) await stderr.WriteLineAsync(e.ToString());
            return CliExitCodes.InternalError;
        }
    }
}
