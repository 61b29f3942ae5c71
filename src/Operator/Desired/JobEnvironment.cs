using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Core.Specs;

namespace Sentinel.Operator.Desired;

/// <summary>
/// The environment of a specialist's jobs: the seed's variables with the specialist's resolved values, the resource
/// itself (so the job can write its status), and Secret references — never a secret's value.
/// </summary>
public static class JobEnvironment
{
    // The jobs read these through ClusterTarget and SpecialistSpecLoader: one spelling for both sides.
    public const string ResourceVariable = ClusterTarget.SpecialistVariable;
    public const string NamespaceVariable = ClusterTarget.NamespaceVariable;
    public const string SpecVariable = Sentinel.Adapters.Hosting.Specs.SpecialistSpecLoader.SpecVariable;
    public const string RetrainRunVariable = ClusterTarget.RetrainRunVariable;

    private static readonly JsonSerializerOptions SpecJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static List<V1EnvVar> For(V1Alpha1SpecialistModel specialist, ResolvedSpecialist r)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(r);
        var env = new List<V1EnvVar>
        {
            Value(ResourceVariable, specialist.Metadata.Name),
            new() { Name = NamespaceVariable, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
            Value(SpecVariable, SpecJsonOf(specialist)),
            Value("PRECISION_THRESHOLD", Number(r.Thresholds.Precision)),
            Value("RECALL_THRESHOLD", Number(r.Thresholds.Recall)),
            Value("F1_THRESHOLD", Number(r.Thresholds.F1)),
            Value("FEEDBACK_AVG_THRESHOLD", Number(r.Thresholds.FeedbackAverage)),
            Value("AGGREGATE_SCORE_THRESHOLD", Number(r.Thresholds.AggregateScore)),
            Value("FEEDBACK_WINDOW_DAYS", Number(r.FeedbackWindow.TotalDays)),
            Value("RETRAINING_COOLDOWN_HOURS", Number(r.Retraining.Cooldown.TotalHours)),
            Value("LLM_PROVIDER", r.Retraining.DatasetGeneration.Provider),
            Value("LLM_MODEL", r.Retraining.DatasetGeneration.Model),
            Value("LLM_TEMPERATURE", Number(r.Retraining.DatasetGeneration.Temperature)),
            Value("DATASET_NUM_SAMPLES", Number(r.Retraining.DatasetGeneration.Samples)),
            Value("DATASET_GENERATION_TIMEOUT", Number(r.Retraining.DatasetGeneration.Timeout.TotalSeconds)),
            Value("FEEDBACK_SAMPLES", Number(r.Retraining.FeedbackSamples)),
            Value("TRAINING_TIMEOUT", Number(r.Retraining.TrainingTimeout.TotalSeconds)),
            Value("NOTIFICATION_CHANNELS", string.Join(',', r.Notifications.Channels)),
            Value("SLACK_CHANNEL", r.Notifications.SlackChannel),
            Value("EMAIL_RECIPIENTS", string.Join(',', r.Notifications.EmailRecipients)),
        };
        if (r.Retraining.DatasetGeneration.BaseUrl is { } baseUrl) env.Add(Value("LLM_BASE_URL", baseUrl));

        if (r.Retraining.DatasetGeneration.ApiKeySecretRef is { Name: { } keySecret } apiKey)
        {
            var variable = r.Retraining.DatasetGeneration.Provider == "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
            env.Add(FromSecret(variable, keySecret, apiKey.Key ?? "apiKey", optional: false));
        }
        if (r.Notifications.SlackWebhookSecretRef is { Name: { } slackSecret } slack)
            env.Add(FromSecret("SLACK_WEBHOOK_URL", slackSecret, slack.Key ?? "webhookUrl", optional: false));
        if (r.Notifications.SmtpSecretRef is { Name: { } smtpSecret })
        {
            env.Add(FromSecret("SMTP_HOST", smtpSecret, "host", optional: false));
            env.Add(FromSecret("SMTP_PORT", smtpSecret, "port", optional: true));
            env.Add(FromSecret("SMTP_USER", smtpSecret, "username", optional: true));
            env.Add(FromSecret("SMTP_PASSWORD", smtpSecret, "password", optional: true));
        }
        return env;
    }

    /// <summary>The shared ConfigMap and Secret named in the operator's options, both optional.</summary>
    public static List<V1EnvFromSource> Shared(OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var from = new List<V1EnvFromSource>();
        if (!string.IsNullOrWhiteSpace(options.JobConfigMap))
            from.Add(new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = options.JobConfigMap, Optional = true } });
        if (!string.IsNullOrWhiteSpace(options.JobSecret))
            from.Add(new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = options.JobSecret, Optional = true } });
        return from;
    }

    /// <summary>The resource as a document (apiVersion, kind, metadata name/namespace, spec) in JSON, as the CLIs read it.</summary>
    public static string SpecJsonOf(V1Alpha1SpecialistModel specialist)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        var document = new SpecialistModelDocument
        {
            ApiVersion = specialist.ApiVersion,
            Kind = specialist.Kind,
            Metadata = new DocumentMetadata { Name = specialist.Metadata.Name, Namespace = specialist.Metadata.NamespaceProperty },
            Spec = specialist.Spec,
        };
        return JsonSerializer.Serialize(document, SpecJson);
    }

    private static V1EnvVar Value(string name, string value) => new() { Name = name, Value = value };

    private static V1EnvVar FromSecret(string name, string secret, string key, bool optional) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key, Optional = optional } },
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
