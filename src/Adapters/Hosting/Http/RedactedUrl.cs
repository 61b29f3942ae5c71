namespace Sentinel.Adapters.Hosting.Http;

/// <summary>What of a URL may appear in logs and error messages.</summary>
public static class RedactedUrl
{
    /// <summary><c>scheme://host:port</c> only: no user info, path or query (a webhook path is a secret).</summary>
    public static string Origin(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}" : "(relative URL)";
    }

    /// <summary>
    /// <c>scheme://host:port/path</c>: a server address as a person configured it, without the user name, password
    /// or query it may carry (<c>http://user:secret@mlflow:5000/</c> → <c>http://mlflow:5000/</c>).
    /// </summary>
    public static string WithoutCredentials(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" : "(relative URL)";
    }

    /// <summary>The same for a configured value that may not even parse as a URL (then nothing of it is shown).</summary>
    public static string WithoutCredentials(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed) ? WithoutCredentials(parsed) : "(not an absolute URL)";
}
