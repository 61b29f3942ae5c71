using Sentinel.Core.Specs;
using Sentinel.Operator.Desired;

namespace Sentinel.Operator.Tests.Desired;

public sealed class JobEnvironmentTests
{
    [Fact]
    public void For_SecretsInSpec_AreReferencedNeverInlined()
    {
        var s = TestData.Specialist(edit: spec =>
        {
            spec.Retraining = new RetrainingSpec { DatasetGeneration = new DatasetGenerationSpec { Provider = "anthropic", ApiKeySecretRef = new SecretKeyRef { Name = "llm" } } };
            spec.Notifications = new NotificationsSpec
            {
                Channels = ["slack", "email"],
                Slack = new SlackSpec { WebhookSecretRef = new SecretKeyRef { Name = "slack", Key = "url" } },
                Email = new EmailSpec { Recipients = ["oncall@example.com"], SmtpSecretRef = new SecretKeyRef { Name = "smtp" } },
            };
        });
        var env = JobEnvironment.For(s, TestData.Resolve(s)).ToDictionary(e => e.Name);

        Assert.Equal(("llm", "apiKey"), (env["ANTHROPIC_API_KEY"].ValueFrom.SecretKeyRef.Name, env["ANTHROPIC_API_KEY"].ValueFrom.SecretKeyRef.Key));
        Assert.Equal(("slack", "url"), (env["SLACK_WEBHOOK_URL"].ValueFrom.SecretKeyRef.Name, env["SLACK_WEBHOOK_URL"].ValueFrom.SecretKeyRef.Key));
        Assert.Equal("password", env["SMTP_PASSWORD"].ValueFrom.SecretKeyRef.Key);
        Assert.All(new[] { "ANTHROPIC_API_KEY", "SLACK_WEBHOOK_URL", "SMTP_HOST", "SMTP_PASSWORD" }, n => Assert.Null(env[n].Value));
        Assert.False(env.ContainsKey("OPENAI_API_KEY"));
        Assert.Equal("slack,email", env["NOTIFICATION_CHANNELS"].Value);
    }

    [Theory]
    [InlineData("PRECISION_THRESHOLD", "0.8")]
    [InlineData("F1_THRESHOLD", "0.72")]
    [InlineData("FEEDBACK_WINDOW_DAYS", "14")]
    [InlineData("RETRAINING_COOLDOWN_HOURS", "6")]
    [InlineData("LLM_PROVIDER", "offline")]
    [InlineData("SENTINEL_SPECIALIST_RESOURCE", "sentiment")]
    public void For_ResolvedValues_BecomeSeedVariables(string variable, string expected)
    {
        var s = TestData.Specialist(edit: spec =>
        {
            spec.Thresholds = new ThresholdsSpec { Precision = 0.8 };
            spec.FeedbackWindowDays = 14;
            spec.Retraining = new RetrainingSpec { CooldownHours = 6 };
        });
        var env = JobEnvironment.For(s, TestData.Resolve(s)).ToDictionary(e => e.Name);
        Assert.Equal(expected, env[variable].Value);
    }

    [Fact]
    public void For_SpecVariable_RoundTripsThroughTheResolver()
    {
        var s = TestData.Specialist(edit: spec => spec.Schedule = "15 * * * *");
        var json = JobEnvironment.For(s, TestData.Resolve(s)).Single(e => e.Name == JobEnvironment.SpecVariable).Value;

        var document = System.Text.Json.JsonSerializer.Deserialize<SpecialistModelDocument>(json)!;
        var resolved = SpecResolver.Resolve(document, SeedDefaults.Builtin);

        Assert.Equal(("sentiment", "ml", "15 * * * *"), (resolved.Name, resolved.Namespace, resolved.Schedule));
    }

    [Fact]
    public void For_SpecVariable_CarriesTheReminderPolicyToTheMonitor()
    {
        var s = TestData.Specialist(edit: spec => spec.Notifications = new NotificationsSpec
        {
            Reminders = new RemindersSpec { EveryHours = 8, EscalateAfter = 2, Escalation = new EscalationSpec { SlackChannel = "#ml-oncall-leads" } },
        });
        var json = JobEnvironment.For(s, TestData.Resolve(s)).Single(e => e.Name == JobEnvironment.SpecVariable).Value;

        var reminders = SpecResolver.Resolve(System.Text.Json.JsonSerializer.Deserialize<SpecialistModelDocument>(json)!, SeedDefaults.Builtin).Notifications.Reminders;

        Assert.Equal((TimeSpan.FromHours(8), 2, "#ml-oncall-leads"), (reminders.Every, reminders.EscalateAfter!.Value, reminders.EscalationSlackChannel!));
    }

    [Fact]
    public void Shared_DefaultConfigMapAndSecret_AreTheInstallsOptionalEnvFrom()
    {
        var from = JobEnvironment.Shared(TestData.Options());
        Assert.Equal("model-monitor-config", from[0].ConfigMapRef.Name);
        Assert.True(from[0].ConfigMapRef.Optional);
        Assert.Equal("sentinel-secrets", from[1].SecretRef.Name);
        Assert.True(from[1].SecretRef.Optional);
    }

    [Fact]
    public void Shared_NoConfigMapOrSecretNamed_AddsNoEnvFrom()
    {
        var options = TestData.Options();
        options.JobConfigMap = null;
        options.JobSecret = " ";

        Assert.Empty(JobEnvironment.Shared(options));
    }
}
