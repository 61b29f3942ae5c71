using MongoDB.Bson;
using Sentinel.Core.Drift;
using Sentinel.Core.Predictions;

namespace Sentinel.Adapters.Feedback.Predictions.Mongo;

/// <summary>
/// The <c>predictions</c> collection's document shape, written and read explicitly: snake_case fields,
/// <c>created_at</c> a BSON date (UTC, millisecond precision), <c>scores</c> an array of <c>{label, score}</c>
/// (labels are values, not field names, so any label is safe), <c>text</c> omitted unless logged, <c>features</c>
/// (<c>{dimension, indices, values}</c>: the hashed input's non-zero components) omitted unless the prediction was sampled,
/// <c>source</c> omitted for production traffic and <c>golden</c> for the golden-set evaluator's predictions, <c>role</c>
/// omitted for the champion's served answer and <c>canary</c> for the challenger's. Off-path scores go to collection
/// <c>shadow_predictions</c> (<see cref="ToShadowDocument"/>).
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
    public const string Features = "features";
    public const string Dimension = "dimension";
    public const string Indices = "indices";
    public const string Values = "values";
    public const string Source = "source";
    public const string CreatedAt = "created_at";
    public const string Role = "role";

    /// <summary>The document, with its <c>_id</c> assigned here so a retried insert cannot add it twice.</summary>
    public static BsonDocument ToDocument(PredictionRecord record)
    {
        var document = new BsonDocument
        {
            { Id, ObjectId.GenerateNewId() },
            { PredictionId, record.PredictionId },
            { SpecialistType, record.SpecialistType },
            { ModelVersion, record.ModelVersion },
            { Label, record.Label },
            { Confidence, record.Confidence },
            { Scores, ScoresArray(record) },
        };
        if (record.Text is not null) document.Add(Text, record.Text);
        if (record.Features is { } features) document.Add(Features, ToDocument(features));
        if (record.Source is not null) document.Add(Source, record.Source);
        if (StoredRoles.Of(record) is { } role) document.Add(Role, role);
        document.Add(CreatedAt, new BsonDateTime(record.CreatedAt.ToUnixTimeMilliseconds()));
        return document;
    }

    /// <summary>
    /// An off-path score as a <c>shadow_predictions</c> document: <c>_id</c> is <c>{prediction_id}/{role}</c>, so a retried
    /// insert cannot add it twice; the fields are those of <c>predictions</c> in the same BSON shapes, without text,
    /// features or source (they are the served record's).
    /// </summary>
    public static BsonDocument ToShadowDocument(PredictionRecord record) => new()
    {
        { Id, $"{record.PredictionId}/{record.Role}" },
        { PredictionId, record.PredictionId },
        { Role, record.Role },
        { SpecialistType, record.SpecialistType },
        { ModelVersion, record.ModelVersion },
        { Label, record.Label },
        { Confidence, record.Confidence },
        { Scores, ScoresArray(record) },
        { CreatedAt, new BsonDateTime(record.CreatedAt.ToUnixTimeMilliseconds()) },
    };

    private static BsonArray ScoresArray(PredictionRecord record)
    {
        var scores = new BsonArray(record.Scores.Count);
        foreach (var score in record.Scores)
            scores.Add(new BsonDocument { { Label, score.Label }, { Score, score.Score } });
        return scores;
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
        Features = document.TryGetValue(Features, out var features) && features.IsBsonDocument ? ReadFeatures(features.AsBsonDocument) : null,
        Source = document.TryGetValue(Source, out var source) && source.IsString ? source.AsString : null,
        Role = document.TryGetValue(Role, out var role) && role.IsString ? role.AsString : null,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(document[CreatedAt].AsBsonDateTime.MillisecondsSinceEpoch),
    };

    /// <summary><c>{dimension, indices: [int32], values: [double]}</c>; a float widens to a double exactly, so it reads back unchanged.</summary>
    public static BsonDocument ToDocument(SparseVector features)
    {
        var indices = new BsonArray(features.Count);
        var values = new BsonArray(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            indices.Add(features.Indices[i]);
            values.Add((double)features.Values[i]);
        }
        return new BsonDocument { { Dimension, features.Dimension }, { Indices, indices }, { Values, values } };
    }

    /// <summary>The vector of a <c>features</c> document; <see cref="FormatException"/> naming the field when it is malformed.</summary>
    public static SparseVector ReadFeatures(BsonDocument features)
    {
        try
        {
            return new SparseVector(
                features[Dimension].ToInt32(),
                [.. features[Indices].AsBsonArray.Select(v => v.ToInt32())],
                [.. features[Values].AsBsonArray.Select(v => (float)v.ToDouble())]);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidCastException)
        {
            throw new FormatException($"A logged prediction's '{Features}' is not {{{Dimension}, {Indices}, {Values}}}: {e.Message}", e);
        }
    }
}
