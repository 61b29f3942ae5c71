namespace Sentinel.Core.Specs;

/// <summary>One problem in a spec or in the environment: the field (a YAML path or a variable name) and what to do.</summary>
public sealed record SpecError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Thrown when a spec or the environment cannot be used; <see cref="Errors"/> lists every problem.</summary>
public sealed class SpecValidationException : Exception
{
    public SpecValidationException(string source, IReadOnlyList<SpecError> errors)
        : base($"{source}: " + string.Join("; ", errors))
    {
        Source = source;
        Errors = errors;
    }

    public SpecValidationException() : this("spec", []) { }
    public SpecValidationException(string message) : this(message, []) { }
    public SpecValidationException(string message, Exception inner) : base(message, inner) { Errors = []; }

    public IReadOnlyList<SpecError> Errors { get; } = [];
}
