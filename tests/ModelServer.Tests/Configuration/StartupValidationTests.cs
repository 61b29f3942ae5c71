using Microsoft.Extensions.Options;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Configuration;

/// <summary>Bad settings stop the server at start-up with a message naming the setting and the fix.</summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Sentinel:ModelServer:SpecialistType", "", "SPECIALIST_TYPE" },
        { "Sentinel:ModelServer:SpecialistType", "Not A Name", "SPECIALIST_TYPE" },
        { "Sentinel:ModelServer:Alias", "has space", "MODEL_ALIAS" },
        { "Sentinel:ModelServer:PollInterval", "00:00:00.010", "MODEL_POLL_INTERVAL" },
        { "Sentinel:ModelServer:ModelPath", "/nonexistent/model.onnx", "MODEL_PATH" },
        { "Sentinel:ModelServer:MaxBatchSize", "0", "Sentinel:ModelServer:MaxBatchSize" },
        { "Sentinel:ModelServer:MaxTextLength", "-1", "Sentinel:ModelServer:MaxTextLength" },
        { "Sentinel:ModelServer:PredictionQueueCapacity", "0", "Sentinel:ModelServer:PredictionQueueCapacity" },
        { "Sentinel:ModelServer:FeatureSampleRate", "1.5", "FEATURE_SAMPLE_RATE" },
        { "Sentinel:ModelServer:FeatureSampleRate", "-0.1", "FEATURE_SAMPLE_RATE" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_BadSetting_FailsNamingTheSetting(string key, string? value, string named)
    {
        await using var factory = new ModelServerFactory(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
