namespace Sentinel.Adapters.Mlflow;

/// <summary>What MLflow answered: the parsed value, or the error it refused the request with.</summary>
internal readonly record struct MlflowReply<T>(T? Value, MlflowError? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>The value, or a <see cref="Core.Tracking.TrackingException"/> describing the refusal.</summary>
    public T GetOrThrow(string what) => Error is null ? Value! : throw Error.ToException(what);

    /// <summary>True when MLflow refused with <paramref name="errorCode"/>.</summary>
    public bool FailedWith(string errorCode) => Error?.Is(errorCode) == true;
}
