namespace Sentinel.Core.Errors;

/// <summary>
/// An external dependency (MLflow, MongoDB, the Pushgateway, an LLM, Slack, SMTP) could not be used after
/// retries. <see cref="Dependency"/> names it for logs, metrics and the CLI's one-line cause.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException(string dependency, string message, Exception? inner = null)
        : base(message, inner) => Dependency = dependency;

    public DependencyUnavailableException() : this("unknown", "a dependency is unavailable") { }
    public DependencyUnavailableException(string message) : this("unknown", message) { }
    public DependencyUnavailableException(string message, Exception inner) : this("unknown", message, inner) { }

    /// <summary><c>mlflow</c>, <c>mongodb</c>, <c>pushgateway</c>, <c>llm</c>, <c>slack</c>, <c>smtp</c>, …</summary>
    public string Dependency { get; }
}
