namespace Sentinel.Core.Tracking;

/// <summary>
/// A dataset a run used, as MLflow records it (<c>runs/log-inputs</c>; shown in the run's "Datasets used"):
/// <paramref name="Name"/>, a content <paramref name="Digest"/>, where it lives (<paramref name="SourceType"/> and
/// <paramref name="Source"/>, a JSON document), its <paramref name="Schema"/> and <paramref name="Profile"/> (JSON
/// documents), and the <paramref name="Context"/> it was used in (<c>training</c>, <c>evaluation</c>; the
/// <c>mlflow.data.context</c> tag).
/// </summary>
public sealed record DatasetInput(string Name, string Digest, string SourceType, string Source, string Schema, string Profile, string Context)
{
    /// <summary>The tag MLflow reads the dataset's context from.</summary>
    public const string ContextTag = "mlflow.data.context";

    /// <summary>MLflow keeps digests of at most 36 characters.</summary>
    public const int MaxDigestLength = 36;
}
