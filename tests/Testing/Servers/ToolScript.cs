using System.Diagnostics;

namespace Sentinel.Testing.Servers;

/// <summary>Runs one of the shell scripts under <c>shared/tools</c> that start and stop real servers, and returns its output.</summary>
public static class ToolScript
{
    /// <summary>
    /// Runs <c>bash <paramref name="script"/> <paramref name="arguments"/></c>; throws <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/> and <see cref="InvalidOperationException"/> (with its output, and <paramref name="hint"/>
    /// when the output mentions <paramref name="hintWhen"/>) when it exits non-zero.
    /// </summary>
    public static async Task<string> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, string? hintWhen = null, string? hint = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        var name = $"{Path.GetFileName(script)} {arguments[0]}";
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {timeout}: {await stderr}");
        }
        var (output, errors) = (await stdout, await stderr);
        if (process.ExitCode == 0) return output;
        var message = $"{name} exited {process.ExitCode}: {errors}{output}";
        if (hintWhen is not null && hint is not null && (errors + output).Contains(hintWhen, StringComparison.Ordinal)) message += "; " + hint;
        throw new InvalidOperationException(message);
    }
}
