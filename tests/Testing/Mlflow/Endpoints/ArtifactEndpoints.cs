using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sentinel.Testing.Mlflow.Endpoints;

/// <summary>
/// The artifact proxy of <c>mlflow server --serve-artifacts</c>: PUT/GET/DELETE <c>/api/2.0/mlflow-artifacts/artifacts/&lt;path&gt;</c>
/// and the listing <c>GET …/artifacts?path=</c>. A missing file is a 500 <c>INTERNAL_ERROR</c>, as MLflow answers. DELETE
/// removes a directory and answers <c>{}</c>, also when nothing is there; a file cannot be deleted over a local artifact
/// destination (MLflow 2.12 calls <c>shutil.rmtree</c> on it, and Flask answers its HTML 500 page).
/// </summary>
internal static class ArtifactEndpoints
{
    private const string Route = "/api/2.0/mlflow-artifacts/artifacts";
    private const string Destination = "/var/lib/mlflow/artifacts";

    // MLflow serves these as text/plain whatever they hold; everything else it cannot name is octet-stream.
    private static readonly string[] TextExtensions =
        ["txt", "log", "err", "cfg", "conf", "ini", "properties", "toml", "yaml", "yml", "xml", "sh", "py", "json", "md", "rst", "csv", "tsv", "MLmodel", "MLproject"];

    public static void Map(IEndpointRouteBuilder app, MlflowState state)
    {
        app.MapPut(Route + "/{**path}", async context =>
        {
            var path = CheckedPath(context.Request.RouteValues["path"]?.ToString());
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            lock (state.Sync) state.Artifacts[path] = buffer.ToArray();
            await MlflowReplies.EmptyAsync(context);
        });

        app.MapGet(Route + "/{**path}", async context =>
        {
            var path = CheckedPath(context.Request.RouteValues["path"]?.ToString());
            byte[]? content;
            lock (state.Sync) content = state.Artifacts.GetValueOrDefault(path);
            if (content is null)
            {
                throw MlflowApiException.Internal(
                    $"The following failures occurred while downloading one or more artifacts from {Destination}:\n" +
                    $"##### File {path} #####\n[Errno 2] No such file or directory: '{Destination}/{path}'");
            }
            context.Response.ContentType = ContentType(path);
            await context.Response.Body.WriteAsync(content, context.RequestAborted);
        });

        app.MapDelete(Route + "/{**path}", async context =>
        {
            var path = CheckedPath(context.Request.RouteValues["path"]?.ToString()).TrimEnd('/');
            bool isFile;
            lock (state.Sync)
            {
                isFile = state.Artifacts.ContainsKey(path);
                if (!isFile)
                {
                    foreach (var key in state.Artifacts.Keys.Where(k => k.StartsWith(path + "/", StringComparison.Ordinal)).ToList()) state.Artifacts.Remove(key);
                }
            }
            if (isFile)
                await MlflowReplies.TextAsync(context, MlflowReplies.InternalServerErrorPage, MlflowReplies.HtmlContentType, 500);
            else
                await MlflowReplies.EmptyAsync(context);
        });

        app.MapGet(Route, async context =>
        {
            var request = await MlflowRequest.ReadAsync(context);
            var directory = CheckedPath(request.Optional("path") ?? "").TrimEnd('/');
            var prefix = directory.Length == 0 ? "" : directory + "/";
            var reply = new JsonObject();
            lock (state.Sync)
            {
                var entries = state.Artifacts
                    .Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .GroupBy(a => a.Key[prefix.Length..].Split('/')[0])
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => g.Count() == 1 && g.Single().Key == prefix + g.Key
                        ? new JsonObject { ["path"] = g.Key, ["is_dir"] = false, ["file_size"] = g.Single().Value.Length }
                        : new JsonObject { ["path"] = g.Key, ["is_dir"] = true });
                MlflowJson.WithList(reply, "files", entries);
            }
            await MlflowReplies.JsonAsync(context, reply);
        });
    }

    private static string CheckedPath(string? path)
    {
        path ??= "";
        if (path.Split('/').Any(s => s is ".." or ".") || path.StartsWith('/')) throw MlflowApiException.Invalid("Invalid path");
        return path;
    }

    private static string ContentType(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var extension = Path.GetExtension(name).TrimStart('.');
        if (extension.Length == 0) extension = name;
        if (TextExtensions.Contains(extension, StringComparer.Ordinal)) return "text/plain";
        return extension.ToLowerInvariant() switch
        {
            "png" => "image/png",
            "jpg" or "jpeg" => "image/jpeg",
            "html" or "htm" => "text/html",
            _ => "application/octet-stream",
        };
    }
}
