namespace Sentinel.Core.Retraining;

/// <summary>
/// Where a retrain reports its progress besides its logs: the RetrainRun's status in a cluster (so
/// <c>kubectl get rr</c> shows GeneratingDataset → Training → Evaluating and the outcome). Reporting must never
/// fail a retrain: implementations log what they could not write.
/// </summary>
public interface IRetrainProgress
{
    /// <summary>A step of <see cref="RetrainSteps"/> has started.</summary>
    Task StepStartedAsync(string specialistType, string step, CancellationToken cancellationToken);

    /// <summary>The retrain ended (succeeded or failed) with <paramref name="result"/>.</summary>
    Task FinishedAsync(RetrainResult result, CancellationToken cancellationToken);
}

/// <summary>Progress for a retrain that no resource tracks (a run by hand): the logs say it all.</summary>
public sealed class UntrackedRetrainProgress : IRetrainProgress
{
    public Task StepStartedAsync(string specialistType, string step, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FinishedAsync(RetrainResult result, CancellationToken cancellationToken) => Task.CompletedTask;
}
