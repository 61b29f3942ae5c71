using MongoDB.Bson;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Predictions.Mongo;

/// <summary>
/// The <c>predictions</c> collection's document shape, written and read explicitly: snake_case fields,
/// <c>created_at</c> a BSON date (UTC, millisecond precision), <c>scores</c> an array of <c>{label, score}</c>
/// (labels are values, not field names, so any label is safe), <c>text</c> omitted unless logged, <c>source</c> omitted
/// for production traffic and <c>golden</c> for the golden-set evaluator's predictions.
/// </summary>
internal static class PredictionBson
{
    public const string Id = "_id";
    public const string PredictionId = "prediction_id";
    public const string SpecialistType = "specialist_type";
    public const string ModelVersion = "model_version";
    public const string Label = "label";
    public const string Confidence = "confidence";
    public const string Scores = "scores";
    public const string Score = "score";
    public const string Text = "text";
    public const string Source = "source";
    public const string CreatedAt = "created_at";

    /// <summary>The document, with its <c>_id</c> assigned here so a retried insert cannot add it twice.</summary>
    public static BsonDocument ToDocument(PredictionRecord record)
    {
        var scores = new BsonArray(record.Scores.Count);
        foreach (var score in record.Scores)
            scores.Add(new BsonDocument { { Label, score.Label }, { Score, score.Score } });
        var document = new BsonDocument
        {
            { Id, ObjectId.GenerateNewId() },
            { PredictionId, record.PredictionId },
            { SpecialistType, record.SpecialistType },
            { ModelVersion, record.ModelVersion },
            { Label, record.Label },
            { Confidence, record.Confidence },
            { Scores, scores },
        };
        if (record.Text is not null) document.Add(Text, record.Text);
        if (record.Source is not null) document.Add(Source, record.Source);
        document.Add(CreatedAt, new BsonDateTime(record.CreatedAt.ToUnixTimeMilliseconds()));
        return document;
    }

    public static PredictionRecord FromDocument(BsonDocument document) => new()
    {
        PredictionId = document[PredictionId].AsString,
        SpecialistType = document[SpecialistType].AsString,
        ModelVersion = document[ModelVersion].AsString,
        Label = document[Label].AsString,
        Confidence = document[Confidence].ToDouble(),
        Scores = [.. document[Scores].AsBsonArray.Select(s => new LabelScore(s[Label].AsString, s[Score].ToDouble()))],
        Text = document.TryGetValue(Text, out var text) && text.IsString ? text.AsString : null,
        Source = document.TryGetValue(Source, out var source) && source.IsString ? source.AsString : null,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(document[CreatedAt].AsBsonDateTime.MillisecondsSinceEpoch),
    };
}
