using System.Reflection;
using Microsoft.ML;

namespace Sentinel.AutoRetrain.Training;

/// <summary>
/// Stops a running ML.NET fit when a token is cancelled.
/// </summary>
/// <remarks>
/// ML.NET 5 checks a cancellation flag inside its trainers (an SDCA fit stops within a fraction of a second and
/// throws <see cref="OperationCanceledException"/>) but keeps <c>MLContext.CancelExecution</c> non-public. It is
/// invoked by reflection when present. Where a future ML.NET lacks it, the trainer still returns on time
/// (it stops awaiting the fit) and the abandoned fit's result is discarded.
/// </remarks>
internal static class MlContextCancellation
{
    private static readonly MethodInfo? CancelExecution =
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);

    /// <summary>True when this ML.NET exposes the cancellation hook.</summary>
    public static bool Supported => CancelExecution is not null;

    public static CancellationTokenRegistration Register(MLContext ml, CancellationToken token) =>
        CancelExecution is null ? default : token.Register(() => CancelExecution.Invoke(ml, null));
}
