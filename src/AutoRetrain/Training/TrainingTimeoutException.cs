namespace Sentinel.AutoRetrain.Training;

/// <summary>Training did not finish within the specialist's training timeout.</summary>
public sealed class TrainingTimeoutException : TimeoutException
{
    public TrainingTimeoutException(TimeSpan timeout, int rows, Exception? inner = null)
        : base($"training on {rows} rows did not finish within {timeout}; raise spec.retraining.trainingTimeout (or TRAINING_TIMEOUT) or generate fewer samples", inner)
    {
        Timeout = timeout;
    }

    public TrainingTimeoutException() : this(TimeSpan.Zero, 0) { }
    public TrainingTimeoutException(string message) : base(message) { }
    public TrainingTimeoutException(string message, Exception inner) : base(message, inner) { }

    public TimeSpan Timeout { get; }
}
