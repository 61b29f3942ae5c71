using Microsoft.AspNetCore.Http.HttpResults;

namespace Sentinel.ModelServer.Apis;

/// <summary>ProblemDetails answers that name the offending field in <c>errors</c> and in <c>detail</c>.</summary>
internal static class Problems
{
    /// <summary>400 with <c>errors[field]</c> and the same message as detail.</summary>
    public static ProblemHttpResult Field(string field, string message) =>
        Status(StatusCodes.Status400BadRequest, field, message);

    /// <summary>400 for a <c>source</c> that is not one of <see cref="Core.Predictions.TrafficSources.Accepted"/>.</summary>
    public static ProblemHttpResult UnknownSource(string source) => Field("source", UnknownSourceMessage(source));

    /// <summary>What is wrong with a <c>source</c> and the accepted ones (for a feedback item in a batch as well).</summary>
    public static string UnknownSourceMessage(string source) =>
        $"'{(source.Length > 32 ? source[..32] + "…" : source)}' is not a source; use one of: {string.Join(", ", Core.Predictions.TrafficSources.Accepted)} (or leave it out for user)";

    public static ProblemHttpResult Status(int status, string field, string message) => TypedResults.Problem(
        statusCode: status,
        title: Title(status),
        detail: $"{field}: {message}",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    /// <summary>503 while no model is loaded (or a dependency is down), with what to do.</summary>
    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: Title(StatusCodes.Status503ServiceUnavailable), detail: detail);

    /// <summary>
    /// Problems written by the framework (415 from content-type matching, 404/405 from routing) name the field too:
    /// <c>body</c> for 415, so every 4xx of the API says what to fix.
    /// </summary>
    public static void NameTheBody(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status415UnsupportedMediaType || problem.Extensions.ContainsKey("errors")) return;
        const string message = "the body must be JSON; send Content-Type: application/json";
        problem.Detail = $"body: {message}";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [message] };
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status413PayloadTooLarge => "The request is too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        _ => "The request failed",
    };
}
