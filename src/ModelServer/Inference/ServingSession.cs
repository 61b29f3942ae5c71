using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Sentinel.ModelServer.Inference;

/// <summary>
/// OnnxRuntime session settings for serving: requests run in parallel on ASP.NET Core's threads, so each
/// prediction runs on the calling thread (one intra-op thread, sequential execution) and no runtime thread spins
/// waiting for work; the runtime's own pool would only compete with request threads for the same cores.
/// </summary>
internal static class ServingSession
{
    public static SessionOptions Options()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}
