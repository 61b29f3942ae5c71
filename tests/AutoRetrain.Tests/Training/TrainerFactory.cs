using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.AutoRetrain.Training;

namespace Sentinel.AutoRetrain.Tests.Training;

internal static class TrainerFactory
{
    public static TextClassifierTrainer Create(TrainingOptions? options = null, TimeProvider? time = null) =>
        new(Options.Create(options ?? new TrainingOptions()), time ?? TimeProvider.System, NullLogger<TextClassifierTrainer>.Instance);
}
