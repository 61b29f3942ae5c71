using MimeKit;
using Sentinel.Testing.Servers;

namespace Sentinel.AutoRetrain.Tests.Cli;

/// <summary>The retrain's outcome by e-mail, received by a real SMTP server (aiosmtpd) from <c>sentinel-retrain</c> run as a process.</summary>
public sealed class RetrainCliEmailTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly string[] Recipients = ["ml-oncall@example.com", "lead@example.com"];
    private readonly RetrainCliSession _cli = new();
    private SmtpSinkServer _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpSinkServer.StartAsync();
        _cli.Environment["SMTP_HOST"] = _smtp.Host;
        _cli.Environment["SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cli.Environment["SMTP_FROM"] = "Sentinel <sentinel@example.com>";
        _cli.Environment["EMAIL_RECIPIENTS"] = string.Join(", ", Recipients);
    }

    [Fact]
    public async Task Retrain_Promoted_MailsOutcomeWithRunVersionAndMetrics()
    {
        var (cli, result) = await _cli.RunJsonAsync("--specialist-type", "sentiment", "--notification-channels", "email");

        Assert.True(cli.ExitCode == 0, cli.ToString());
        var (mail, message, text, html) = await SingleMailAsync();
        Assert.Equal("sentinel@example.com", mail.MailFrom);
        Assert.Equal(Recipients, mail.Recipients);
        Assert.Equal(Recipients, message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("[Sentinel] INFO: sentiment retrained: promoted", message.Subject);
        var runId = result.GetProperty("run_id").GetString()!;
        var f1 = result.GetProperty("challenger").GetProperty("f1_score").GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("version 1 is the new champion", text, StringComparison.Ordinal);
        Assert.Contains($"MLflow run: {runId}", text, StringComparison.Ordinal);
        Assert.Contains("Registered version: sentiment-specialist v1", text, StringComparison.Ordinal);
        Assert.Contains($"Challenger F1 / precision / recall (evaluation set): {f1} / ", text, StringComparison.Ordinal);
        Assert.Contains("Promoted: yes", text, StringComparison.Ordinal);
        Assert.Contains($"<tr><th align=\"left\">MLflow run</th><td>{runId}</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th align=\"left\">Promoted</th><td>yes</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_Failed_MailsStepErrorAndWhatToDo()
    {
        var (cli, result) = await _cli.RunJsonAsync("--specialist-type", "sentiment", "--skip-dataset-generation", "--notification-channels", "email");

        Assert.True(cli.ExitCode == 4, cli.ToString());
        Assert.Equal("generate", result.GetProperty("failed_step").GetString());
        var (mail, message, text, html) = await SingleMailAsync();
        Assert.Equal(Recipients, mail.Recipients);
        Assert.Equal("[Sentinel] CRITICAL: sentiment retrain failed at step generate", message.Subject);
        Assert.Contains("failed at step 'generate': no dataset in ", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was promoted; the champion keeps serving.", text, StringComparison.Ordinal);
        Assert.Contains("What to do:\n  - Check the LLM provider", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Promoted:", text, StringComparison.Ordinal);
        Assert.Contains("<h3>What to do</h3><ul><li>Check the LLM provider", html, StringComparison.Ordinal);
        Assert.Contains("<li>Or rerun with --skip-dataset-generation to train on the newest existing dataset.</li>", html, StringComparison.Ordinal);
    }

    /// <summary>The one message received, parsed; its text part with <c>\n</c> line endings and its HTML part, both required.</summary>
    private async Task<(ReceivedMail Mail, MimeMessage Message, string Text, string Html)> SingleMailAsync()
    {
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, Wait));
        var message = await MimeMessage.LoadAsync(new MemoryStream(mail.Content), TestContext.Current.CancellationToken);
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);
        return (mail, message, message.TextBody.ReplaceLineEndings("\n"), message.HtmlBody);
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _cli.Dispose();
    }
}
