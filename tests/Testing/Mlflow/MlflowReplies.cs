using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Sentinel.Testing.Mlflow;

/// <summary>How MLflow (Flask) writes its answers: JSON as <c>application/json</c>, routing errors as Werkzeug HTML pages.</summary>
internal static class MlflowReplies
{
    public const string NotFoundPage =
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n" +
        "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n";

    public const string MethodNotAllowedPage =
        "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n" +
        "<p>The method is not allowed for the requested URL.</p>\n";

    public const string InternalServerErrorPage =
        "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n" +
        "<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n";

    public const string HtmlContentType = "text/html; charset=utf-8";

    public static Task JsonAsync(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>The <c>{}</c> most writes answer with.</summary>
    public static Task EmptyAsync(HttpContext context) => JsonAsync(context, new JsonObject());

    public static Task ErrorAsync(HttpContext context, MlflowApiException error) =>
        JsonAsync(context, new JsonObject { ["error_code"] = error.ErrorCode, ["message"] = error.Message }, error.Status);

    public static Task TextAsync(HttpContext context, string body, string contentType, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>Empty 404 and 405 answers of the router become Werkzeug's HTML pages.</summary>
    public static Task StatusPageAsync(StatusCodeContext status)
    {
        var response = status.HttpContext.Response;
        return response.StatusCode switch
        {
            404 => TextAsync(status.HttpContext, NotFoundPage, HtmlContentType, 404),
            405 => TextAsync(status.HttpContext, MethodNotAllowedPage, HtmlContentType, 405),
            _ => Task.CompletedTask,
        };
    }
}
