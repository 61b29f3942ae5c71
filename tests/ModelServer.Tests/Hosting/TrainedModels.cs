using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Inference;
using Sentinel.AutoRetrain.Training;
using Sentinel.Core.Datasets;

[assembly: AssemblyFixture(typeof(Sentinel.ModelServer.Tests.Hosting.TrainedModels))]

namespace Sentinel.ModelServer.Tests.Hosting;

/// <summary>A model exported by Sentinel's trainer: its files on disk and its bytes.</summary>
public sealed record ModelFiles(string Directory, byte[] Onnx, LabelMap LabelMap)
{
    public string ModelPath => Path.Combine(Directory, "model.onnx");
    public string LabelsJson => LabelMap.ToJson();

    /// <summary>The model run directly, outside the server.</summary>
    public OnnxTextClassifier Load() => new(Onnx, LabelMap);
}

/// <summary>
/// Two real ONNX models trained once per test run with <see cref="TextClassifierTrainer"/> on small synthetic data:
/// <see cref="V1"/> and <see cref="V2"/> (different data and n-grams, so their scores differ).
/// </summary>
public sealed class TrainedModels : IAsyncLifetime
{
    public static readonly string[] Labels = ["billing", "outage", "praise"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentinel-modelserver-models-" + Guid.NewGuid().ToString("N"));

    public ModelFiles V1 { get; private set; } = null!;
    public ModelFiles V2 { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        V1 = await TrainAsync("v1", SupportRows.Create(perLabel: 30, seed: 1), ngrams: 2);
        V2 = await TrainAsync("v2", SupportRows.Create(perLabel: 20, seed: 7), ngrams: 1);
    }

    private async Task<ModelFiles> TrainAsync(string name, IReadOnlyList<DatasetRow> rows, int ngrams)
    {
        var trainer = new TextClassifierTrainer(
            Options.Create(new TrainingOptions { NgramLength = ngrams, MaximumIterations = 30 }), TimeProvider.System, NullLogger<TextClassifierTrainer>.Instance);
        var trained = await trainer.TrainAsync("support", Labels, rows, TimeSpan.FromMinutes(2), CancellationToken.None);
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "model.onnx"), trained.OnnxModel);
        await File.WriteAllTextAsync(Path.Combine(directory, LabelMap.FileName), trained.LabelMap.ToJson());
        return new ModelFiles(directory, trained.OnnxModel, trained.LabelMap);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Separable support tickets: each label has its own words, mixed with shared filler.</summary>
internal static class SupportRows
{
    private static readonly Dictionary<string, string[]> Vocabulary = new()
    {
        ["billing"] = ["invoice", "charged", "refund", "payment", "subscription", "price", "bill", "card"],
        ["outage"] = ["down", "error", "crash", "timeout", "unavailable", "broken", "offline", "failing"],
        ["praise"] = ["love", "great", "thanks", "excellent", "awesome", "helpful", "fantastic", "perfect"],
    };

    private static readonly string[] Filler = ["the", "my", "service", "today", "again", "please", "really", "account", "app", "team"];

    public static List<DatasetRow> Create(int perLabel, int seed)
    {
        var random = new Random(seed);
        var rows = new List<DatasetRow>();
        for (var i = 0; i < perLabel; i++)
        {
            foreach (var label in TrainedModels.Labels)
            {
                var words = Enumerable.Range(0, 6).Select(k => k % 3 == 0 ? Pick(random, Vocabulary[label]) : Pick(random, Filler));
                rows.Add(new DatasetRow(string.Join(' ', words), label, DatasetSource.Synthetic));
            }
        }
        return rows;
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
