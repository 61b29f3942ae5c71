using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Sentinel.GoldenJob.Datasets;

namespace Sentinel.GoldenJob.Configuration;

/// <summary>Fails start-up with every problem of <see cref="GoldenOptions"/>, each naming the setting, its variable and the fix.</summary>
public sealed partial class GoldenOptionsValidator : IValidateOptions<GoldenOptions>
{
    private const string S = GoldenOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GoldenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.SetPath))
            errors.Add($"{S}:SetPath (GOLDEN_SET_PATH) is required: set it to the golden set, a .jsonl file of {{\"text\": …, \"label\": …}} lines or a .parquet dataset");
        else if (GoldenSetReader.FormatOf(options.SetPath) is null)
            errors.Add($"{S}:SetPath (GOLDEN_SET_PATH) '{options.SetPath}' is neither .jsonl nor .parquet; point it at a file with one of those extensions");
        else if (!File.Exists(options.SetPath))
            errors.Add($"{S}:SetPath (GOLDEN_SET_PATH) '{options.SetPath}' does not exist; check the path (in a cluster, the ConfigMap key mounted under /golden)");

        if (string.IsNullOrWhiteSpace(options.ModelServerUrl))
            errors.Add($"{S}:ModelServerUrl (MODEL_SERVER_URL) is required: set it to the model server's base URL, e.g. http://sentinel-model-server:8080");
        else if (!Uri.TryCreate(options.ModelServerUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
                 || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.UserInfo))
            errors.Add($"{S}:ModelServerUrl (MODEL_SERVER_URL) is not an http(s) base URL without credentials or query; use e.g. http://sentinel-model-server:8080");

        if (options.SpecialistType is { } type && !string.IsNullOrWhiteSpace(type) && !SpecialistPattern().IsMatch(type.Trim()))
            errors.Add($"{S}:SpecialistType (SPECIALIST_TYPE) '{type}' is not a specialist name; use lower-case letters, digits and '-', e.g. sentiment");
        if (options.MaxItems is < 1 or > 100_000)
            errors.Add($"{S}:MaxItems (GOLDEN_MAX_ITEMS) {options.MaxItems} is out of range; use 1 to 100000");
        if (options.BatchSize is < 1 or > 10_000)
            errors.Add($"{S}:BatchSize (GOLDEN_BATCH_SIZE) {options.BatchSize} is out of range; use 1 to 10000, at most the model server's MaxBatchSize (64 by default)");
        if (options.FeedbackConcurrency is < 1 or > 64)
            errors.Add($"{S}:FeedbackConcurrency {options.FeedbackConcurrency} is out of range; use 1 to 64");
        if (options.TimeoutSeconds is < 1 or > 600)
            errors.Add($"{S}:TimeoutSeconds {options.TimeoutSeconds} is out of range; use 1 to 600");
        if (options.Retries is < 0 or > 10)
            errors.Add($"{S}:Retries {options.Retries} is out of range; use 0 to 10");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
            errors.Add($"{S}:RetryDelay {options.RetryDelay} is out of range; use 00:00:00 to 00:01:00");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex SpecialistPattern();
}
