using MongoDB.Bson;
using Sentinel.Core.Feedback;

namespace Sentinel.Adapters.Feedback.Mongo;

/// <summary>
/// The <c>feedback</c> collection's document shape, written and read explicitly (no driver conventions):
/// snake_case fields, <c>created_at</c> a BSON date (UTC, millisecond precision), optional fields omitted when absent.
/// </summary>
internal static class FeedbackBson
{
    public const string Id = "_id";
    public const string SpecialistType = "specialist_type";
    public const string PredictionId = "prediction_id";
    public const string Rating = "rating";
    public const string TrueLabel = "true_label";
    public const string Text = "text";
    public const string Note = "note";
    public const string Source = "source";
    public const string ModelVersion = "model_version";
    public const string CreatedAt = "created_at";

    /// <summary>The document for <paramref name="record"/>, with its <c>_id</c> assigned here so a retried insert cannot add it twice.</summary>
    public static BsonDocument ToDocument(FeedbackRecord record)
    {
        var document = new BsonDocument
        {
            { Id, ObjectId.GenerateNewId() },
            { SpecialistType, record.SpecialistType },
            { PredictionId, record.PredictionId },
        };
        if (record.Rating is { } rating) document.Add(Rating, rating);
        AddIfPresent(document, TrueLabel, record.TrueLabel);
        AddIfPresent(document, Text, record.Text);
        AddIfPresent(document, Note, record.Note);
        document.Add(Source, record.Source);
        AddIfPresent(document, ModelVersion, record.ModelVersion);
        document.Add(CreatedAt, new BsonDateTime(record.CreatedAt.ToUnixTimeMilliseconds()));
        return document;
    }

    /// <summary>Reads a stored document; fields another writer left out or set to null read as absent.</summary>
    public static FeedbackRecord FromDocument(BsonDocument document) => new()
    {
        SpecialistType = document[SpecialistType].AsString,
        PredictionId = document[PredictionId].AsString,
        Rating = document.TryGetValue(Rating, out var rating) && rating.IsNumeric ? rating.ToDouble() : null,
        TrueLabel = StringOrNull(document, TrueLabel),
        Text = StringOrNull(document, Text),
        Note = StringOrNull(document, Note),
        Source = StringOrNull(document, Source) ?? "user",
        ModelVersion = StringOrNull(document, ModelVersion),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(document[CreatedAt].AsBsonDateTime.MillisecondsSinceEpoch),
    };

    /// <summary>A window bound as a BSON date, at the same millisecond precision as stored dates.</summary>
    public static BsonDateTime Date(DateTimeOffset value) => new(value.ToUnixTimeMilliseconds());

    private static void AddIfPresent(BsonDocument document, string name, string? value)
    {
        if (value is not null) document.Add(name, value);
    }

    private static string? StringOrNull(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;
}
