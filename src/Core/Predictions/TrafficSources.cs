namespace Sentinel.Core.Predictions;

/// <summary>
/// Where a prediction or a piece of feedback came from, as the model server's API accepts it (<c>source</c> on
/// <c>POST /predict</c> and <c>POST /feedback</c>) and the stores keep it.
/// </summary>
/// <remarks>
/// <see cref="User"/> is production traffic. <see cref="Golden"/> is the golden-set evaluator (<c>sentinel-golden</c>)
/// running the served model over a fixed labelled dataset: its predictions are not production traffic, so the online
/// signals leave them out of prediction drift, confidence, label coverage and the new-sample count, while its labelled
/// feedback counts in online performance.
/// </remarks>
public static class TrafficSources
{
    public const string User = "user";
    public const string Golden = "golden";

    /// <summary>The sources a client may send, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [User, Golden];

    /// <summary>The canonical instance of an accepted source (exact, lower-case match), or null when it is not one.</summary>
    public static string? Parse(string? value) => value switch
    {
        User => User,
        Golden => Golden,
        _ => null,
    };
}
