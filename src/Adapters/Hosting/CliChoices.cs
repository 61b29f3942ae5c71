using System.CommandLine;

namespace Sentinel.Adapters.Hosting;

/// <summary>Options that take one of a few words, refused in one line that names the flag, the value and the choices.</summary>
public static class CliChoices
{
    /// <summary>Accepts only <paramref name="values"/> (e.g. <c>--output-format: 'xml' is not one of text, json</c> otherwise).</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !values.Contains(value, StringComparer.Ordinal))
                result.AddError($"{option.Name}: '{value}' is not one of {string.Join(", ", values)}");
        });
        return option;
    }
}
