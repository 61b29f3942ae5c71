using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Inference;

namespace Sentinel.ModelServer.Configuration;

/// <summary>The checks that span settings or touch the file system, run at start-up beside the data annotations.</summary>
internal sealed partial class ModelServerOptionsValidator : IValidateOptions<ModelServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.RegisteredModel) && !RegisteredModelName().IsMatch(options.RegisteredModel))
            failures.Add("Sentinel:ModelServer:RegisteredModel must be 1–255 characters of letters, digits, '.', '_' and '-', e.g. 'sentiment-specialist'; or unset it to use '{SpecialistType}-specialist'.");
        if (!string.IsNullOrWhiteSpace(options.ModelPath))
        {
            if (!File.Exists(options.ModelPath))
                failures.Add($"Sentinel:ModelServer:ModelPath (MODEL_PATH) names '{options.ModelPath}', which does not exist; point it at a model.onnx, or unset it to serve the registry's champion.");
            else if (!File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.ModelPath))!, LabelMap.FileName)))
                failures.Add($"Sentinel:ModelServer:ModelPath (MODEL_PATH) has no {LabelMap.FileName} beside it; put the model's label map next to '{options.ModelPath}'.");
        }
        if (options.PredictionWriteBatchSize > options.PredictionQueueCapacity)
            failures.Add("Sentinel:ModelServer:PredictionWriteBatchSize must not exceed PredictionQueueCapacity; lower the batch size or raise the capacity.");
        if (CheckTextRetention(options) is { } retention) failures.Add(retention);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A value that names no mode, or the deprecated <c>LOG_PREDICTION_TEXT</c> contradicting the mode named.</summary>
    private static string? CheckTextRetention(ModelServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PredictionTextRetention)) return null;
        if (TextRetentions.Parse(options.PredictionTextRetention) is not { } retention)
            return $"{TextRetentions.Setting} is '{options.PredictionTextRetention}'; use {TextRetentions.Values} (unset, it is labelled: " +
                "a prediction's text is kept in memory only and stored with feedback that gives the true label).";
        if (options.LogPredictionText is not { } logText || logText == (retention == TextRetention.All)) return null;
        var name = TextRetentions.Name(retention);
        return $"LOG_PREDICTION_TEXT (Sentinel:ModelServer:LogPredictionText) is {(logText ? "true" : "false")} but PREDICTION_TEXT_RETENTION " +
            $"(Sentinel:ModelServer:PredictionTextRetention) is {name}, and they disagree; LOG_PREDICTION_TEXT is deprecated: unset it " +
            $"and keep PREDICTION_TEXT_RETENTION={name}" + (logText ? ", or set PREDICTION_TEXT_RETENTION=all to keep texts in the prediction log." : ".");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,255}$")]
    private static partial Regex RegisteredModelName();
}
