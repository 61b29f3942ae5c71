using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentinel.Core.Datasets;
using Sentinel.Core.Errors;
using Sentinel.Core.Retraining;
using Sentinel.Core.Specs;

namespace Sentinel.AutoRetrain.Datasets;

/// <summary>
/// Step 1 of a retrain: asks a <see cref="ISampleSource"/> for batches until the specialist's sample count is
/// reached, its generation timeout passes, or batches stop adding anything new. Every candidate is validated
/// (<see cref="SampleValidator"/>); bad replies, bad samples and failed calls are counted and generation goes on.
/// </summary>
/// <remarks>
/// The run fails when it ends with fewer than <see cref="DatasetGenerationOptions.MinimumSamples"/> samples (or the
/// requested count, when smaller) or with a label that has fewer than two: with
/// <see cref="DependencyUnavailableException"/> (dependency <c>llm</c>) when provider calls failed and nothing was
/// accepted, else with <see cref="InsufficientDatasetException"/>. A run stopped by a budget
/// (<see cref="GenerationStop.Budget"/>) keeps what it has and does not fail for being short: the retrain trains on it.
/// Before each call the <see cref="GenerationMeter"/>'s limits are checked (<see cref="GenerationBudgets.BeforeCall"/>);
/// after it the call's tokens and retries are added to <see cref="GenerationMeter.Usage"/>.
/// </remarks>
public sealed partial class DatasetGenerator(IOptions<DatasetGenerationOptions> options, TimeProvider time, ILogger<DatasetGenerator> logger)
{
    public const int MinimumPerLabel = 2;

    public async Task<GeneratedDataset> GenerateAsync(ResolvedSpecialist specialist, ISampleSource source, CancellationToken cancellationToken, GenerationMeter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentNullException.ThrowIfNull(source);
        meter ??= GenerationMeter.Unlimited();
        var offline = source.Provider == LlmUsage.OfflineProvider;
        meter.Usage = LlmUsage.None(source.Provider, source.Model, meter.Price);
        var o = options.Value;
        var generation = specialist.Retraining.DatasetGeneration;
        var name = specialist.SpecialistType;
        var started = time.GetTimestamp();
        var validator = new SampleValidator(specialist.Labels, o.MinTextLength, o.MaxTextLength);
        var rows = new List<DatasetRow>(generation.Samples);
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int batches = 0, failed = 0, unproductive = 0;
        Exception? lastFailure = null;
        var stop = GenerationStop.Completed;

        using var timeout = new CancellationTokenSource(generation.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        LogStarting(logger, name, source.Provider, source.Model, generation.Samples);

        while (rows.Count < generation.Samples)
        {
            if (unproductive >= o.MaxUnproductiveBatches) { stop = GenerationStop.Exhausted; break; }
            if (!offline && GenerationBudgets.BeforeCall(meter.Limits, meter.Usage) is { } budgetStop)
            {
                stop = GenerationStop.Budget;
                meter.Usage = meter.Usage with { BudgetStopped = budgetStop.Budget, BudgetMessage = budgetStop.Message };
                LogBudgetStopped(logger, name, budgetStop.Budget, budgetStop.Message);
                break;
            }
            SampleBatch batch;
            try
            {
                linked.Token.ThrowIfCancellationRequested();
                batch = await source.NextBatchAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                stop = GenerationStop.TimedOut;
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!offline) meter.Usage = meter.Usage.AddFailed(source.RetriesOfLastCall);
                failed++;
                unproductive++;
                lastFailure = e;
                LogBatchFailed(logger, name, source.Provider, e.GetType().Name, e.Message);
                continue;
            }

            batches++;
            if (!offline) meter.Usage = meter.Usage.Add(batch.Usage ?? new LlmCallUsage(null, null, source.RetriesOfLastCall));
            if (batch.MalformedResponse) Count(rejected, RejectReason.MalformedResponse, 1);
            Count(rejected, RejectReason.MalformedItem, batch.MalformedItems);
            var added = 0;
            foreach (var candidate in batch.Candidates)
            {
                if (rows.Count >= generation.Samples) break;
                if (validator.Accept(candidate, out var row) is { } reason) Count(rejected, reason, 1);
                else { rows.Add(row!); added++; }
            }
            unproductive = added == 0 ? unproductive + 1 : 0;
            LogBatch(logger, name, batches, added, rows.Count, generation.Samples);
        }

        var duration = time.GetElapsedTime(started);
        meter.Usage = meter.Usage with { Duration = duration };
        var result = new GeneratedDataset
        {
            Rows = rows, Requested = generation.Samples, Stop = stop, Provider = source.Provider, Model = source.Model,
            PromptHash = source.PromptHash, Rejected = rejected, Batches = batches, FailedBatches = failed, Duration = duration, Usage = meter.Usage,
        };
        var rejectedTotal = rejected.Values.Sum();
        LogFinished(logger, name, rows.Count, generation.Samples, stop, rejectedTotal, failed, duration.TotalSeconds);
        var spent = meter.Usage.Describe();
        LogSpent(logger, name, spent);
        if (stop != GenerationStop.Budget) Check(result, specialist, o, lastFailure);
        return result;
    }

    private static void Check(GeneratedDataset result, ResolvedSpecialist specialist, DatasetGenerationOptions o, Exception? lastFailure)
    {
        var minimum = Math.Min(o.MinimumSamples, result.Requested);
        var perLabel = result.Rows.CountBy(r => r.Label).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var thin = specialist.Labels.Where(l => perLabel.GetValueOrDefault(l) < MinimumPerLabel).ToList();
        if (result.Rows.Count >= minimum && thin.Count == 0) return;

        var why = result.Stop switch
        {
            GenerationStop.TimedOut => $"the generation timeout ({specialist.Retraining.DatasetGeneration.Timeout}) passed; raise DATASET_GENERATION_TIMEOUT or spec.retraining.datasetGeneration.timeout",
            GenerationStop.Exhausted => $"{o.MaxUnproductiveBatches} batches in a row added nothing new; check the prompt, the model and the examples",
            _ => "the requested sample count is too small",
        };
        var message = $"generation for {specialist.SpecialistType} ended with {result.Rows.Count} usable samples " +
            $"(need {minimum}, and {MinimumPerLabel} per label{(thin.Count > 0 ? $"; short: {string.Join(", ", thin.Select(l => $"{l} ({perLabel.GetValueOrDefault(l)})"))}" : "")}): {why}. " +
            $"Rejected: {(result.Rejected.Count == 0 ? "none" : string.Join(", ", result.Rejected.Select(p => $"{p.Key} {p.Value}")))}; failed calls: {result.FailedBatches}";
        if (result.Rows.Count == 0 && lastFailure is not null)
            throw new DependencyUnavailableException("llm", $"{message}. Last error from {result.Provider}: {lastFailure.Message}", lastFailure);
        throw new InsufficientDatasetException(message);
    }

    private static void Count(SortedDictionary<string, int> counts, RejectReason reason, int n)
    {
        if (n <= 0) return;
        var key = SampleValidator.Name(reason);
        counts[key] = counts.GetValueOrDefault(key) + n;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generating {Samples} samples for {Specialist} with {Provider} model {Model}")]
    private static partial void LogStarting(ILogger logger, string specialist, string provider, string model, int samples);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Provider} batch for {Specialist} failed ({ErrorType}: {Error}); continuing")]
    private static partial void LogBatchFailed(ILogger logger, string specialist, string provider, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Specialist}: the generation budget {Budget} stopped generation; training goes on with the samples collected: {Reason}")]
    private static partial void LogBudgetStopped(ILogger logger, string specialist, string budget, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Specialist}: LLM usage: {Usage}")]
    private static partial void LogSpent(ILogger logger, string specialist, string usage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {Batch} for {Specialist} added {Added}: {Collected}/{Samples}")]
    private static partial void LogBatch(ILogger logger, string specialist, int batch, int added, int collected, int samples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated {Collected}/{Samples} samples for {Specialist} ({Stop}); {Rejected} rejected, {Failed} failed calls, {Seconds:F1} s")]
    private static partial void LogFinished(ILogger logger, string specialist, int collected, int samples, GenerationStop stop, int rejected, int failed, double seconds);
}
