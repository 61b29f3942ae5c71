using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.AutoRetrain.Datasets;

namespace Sentinel.AutoRetrain.Tests.Datasets;

internal static class GeneratorFactory
{
    public static DatasetGenerator Create(DatasetGenerationOptions? options = null, TimeProvider? time = null) =>
        new(Options.Create(options ?? new DatasetGenerationOptions()), time ?? TimeProvider.System, NullLogger<DatasetGenerator>.Instance);
}
