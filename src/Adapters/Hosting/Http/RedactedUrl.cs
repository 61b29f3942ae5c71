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
}
