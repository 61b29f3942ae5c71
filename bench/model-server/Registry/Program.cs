// Registers a model file in the local tracking store of a data directory as the model server reads it: version 1 of
// <specialist>-specialist with alias champion and, when a shadow share is given, version 2 (the same files) with alias
// challenger, tagged sentinel.rollout.mode=shadow and sentinel.rollout.shadow_share=<share>.
//
//   Sentinel.Benchmarks.ModelServerRegistry <dataDirectory> <specialist> <model.onnx> [shadowShare]
using System.Security.Cryptography;
using Sentinel.Adapters.Mlflow.Tracking;
using Sentinel.Core.Rollout;

if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("usage: Sentinel.Benchmarks.ModelServerRegistry <dataDirectory> <specialist> <model.onnx> [shadowShare]");
    return 2;
}
var (dataDirectory, specialist, modelPath) = (args[0], args[1], args[2]);
var registered = $"{specialist}-specialist";
var store = new LocalTrackingStore(dataDirectory, TimeProvider.System);
var onnx = await File.ReadAllBytesAsync(modelPath);
var labels = await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "labels.json"));

async Task<string> RegisterAsync()
{
    var experiment = await store.GetOrCreateExperimentAsync(registered, CancellationToken.None);
    var run = await store.CreateRunAsync(experiment, "bench", new Dictionary<string, string>(), DateTimeOffset.UtcNow, CancellationToken.None);
    await store.UploadArtifactAsync(run, "model/model.onnx", new MemoryStream(onnx), CancellationToken.None);
    await store.UploadArtifactAsync(run, "model/labels.json", new MemoryStream(labels), CancellationToken.None);
    var checksum = $"{Convert.ToHexStringLower(SHA256.HashData(onnx))}  model.onnx\n";
    await store.UploadArtifactAsync(run, "model/model.onnx.sha256", new MemoryStream(System.Text.Encoding.ASCII.GetBytes(checksum)), CancellationToken.None);
    await store.FinishRunAsync(run.RunId, Sentinel.Core.Tracking.TrackedRunStatus.Finished, DateTimeOffset.UtcNow, CancellationToken.None);
    return (await store.RegisterModelVersionAsync(registered, run, "model", CancellationToken.None)).Version;
}

var champion = await RegisterAsync();
await store.SetAliasAsync(registered, "champion", champion, CancellationToken.None);
Console.WriteLine($"{registered} version {champion}: champion");
if (args.Length == 4)
{
    var challenger = await RegisterAsync();
    await store.SetModelVersionTagAsync(registered, challenger, RolloutTags.Mode, "shadow", CancellationToken.None);
    await store.SetModelVersionTagAsync(registered, challenger, RolloutTags.ShadowShare, args[3], CancellationToken.None);
    await store.SetAliasAsync(registered, RolloutTags.ChallengerAlias, challenger, CancellationToken.None);
    Console.WriteLine($"{registered} version {challenger}: challenger, shadow share {args[3]}");
}
return 0;
