using System.Diagnostics;
using System.Globalization;
using Sentinel.Adapters.Inference;

// Usage: sentinel-latency <model.onnx> [iterations]  (labels.json beside the model)
// Prints the single-text OnnxTextClassifier.Predict latency (p50, p99, mean) on one thread, after a warm-up.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Sentinel.Benchmarks.ModelServerLatency <model.onnx> [iterations]");
    return 64;
}
var modelPath = args[0];
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
var labels = LabelMap.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, LabelMap.FileName)));
using var classifier = new OnnxTextClassifier(File.ReadAllBytes(modelPath), labels);

const string text = "I was charged twice on my invoice, please refund my card";
for (var i = 0; i < 20_000; i++) classifier.Predict(text);

var samples = new double[iterations];
var total = Stopwatch.StartNew();
for (var i = 0; i < iterations; i++)
{
    var started = Stopwatch.GetTimestamp();
    classifier.Predict(text);
    samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
}
total.Stop();
Array.Sort(samples);
double Percentile(double p) => samples[Math.Min(samples.Length - 1, (int)(p * samples.Length))];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"predict_in_process iterations={iterations} p50_us={Percentile(0.50):F1} p99_us={Percentile(0.99):F1} mean_us={total.Elapsed.TotalMicroseconds / iterations:F1} per_second_one_thread={iterations / total.Elapsed.TotalSeconds:F0}"));
return 0;
