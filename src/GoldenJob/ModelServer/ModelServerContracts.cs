using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentinel.GoldenJob.ModelServer;

/// <summary><c>POST /predict</c> with a batch, marked as golden-set traffic.</summary>
public sealed record PredictBatchRequest(IReadOnlyList<string> Texts, string Source);

/// <summary>The model that answered.</summary>
public sealed record ServedModel(string Name, string Version);

/// <summary>One prediction: its id (quoted in feedback), the winning label and every label's score.</summary>
public sealed record Prediction(string PredictionId, string Label, double Confidence, IReadOnlyDictionary<string, double> Scores, ServedModel Model);

/// <summary>The answer to a batch: one prediction per text, in order, all from <see cref="Model"/>.</summary>
public sealed record PredictBatchResponse(IReadOnlyList<Prediction> Predictions, ServedModel Model);

/// <summary><c>POST /feedback</c>: the true label of a prediction, marked as golden-set feedback.</summary>
public sealed record FeedbackRequest(string PredictionId, string Label, string Source);

/// <summary><c>GET /health/ready</c>: the specialist served and, once one is loaded, its model.</summary>
public sealed record ReadyResponse(string Status, string Specialist, ServedModel? Model);

/// <summary>The parts of an RFC 7807 problem the job reports.</summary>
public sealed record ProblemResponse(string? Title, string? Detail);

/// <summary>The model server's JSON (snake_case), source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PredictBatchRequest))]
[JsonSerializable(typeof(PredictBatchResponse))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(ProblemResponse))]
internal sealed partial class ModelServerJson : JsonSerializerContext;
