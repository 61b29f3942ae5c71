namespace Sentinel.Core.Metrics;

/// <summary>
/// The System.Diagnostics.Metrics meters of Sentinel's adapters, and the instrument names that make prometheus-net's
/// meter bridge export the names of <see cref="MetricNames"/>. The bridge (<c>MeterAdapter</c>, started by the default
/// registry) names a series <c>{meter}_{instrument}</c>, lower-cased, with every character outside <c>[a-z0-9_]</c>
/// turned into <c>_</c>, and offers no option to change it: meter <c>Sentinel.Mlflow</c> with instrument
/// <c>requests_total</c> is exported as <c>sentinel_mlflow_requests_total</c>.
/// </summary>
public static class MeterNames
{
    public const string Mlflow = "Sentinel.Mlflow";
    public const string MongoDb = "Sentinel.MongoDB";
    public const string Notifications = "Sentinel.Notifications";

    /// <summary>
    /// The instrument name under <paramref name="meter"/> that the bridge exports as the default prefix followed by
    /// <paramref name="metric"/> (a <see cref="MetricNames"/> constant), e.g. <c>requests_total</c> for
    /// (<see cref="Mlflow"/>, <see cref="MetricNames.MlflowRequestsTotal"/>).
    /// </summary>
    public static string Instrument(string meter, string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meter);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        var scope = BridgeName(meter) + "_";
        var exported = MetricNames.DefaultPrefix + metric;
        if (!exported.StartsWith(scope, StringComparison.Ordinal) || exported.Length == scope.Length)
            throw new ArgumentException($"metric '{exported}' does not start with '{scope}', the name the meter bridge gives meter '{meter}'; put it under another meter", nameof(metric));
        return exported[scope.Length..];
    }

    /// <summary>How the bridge turns a meter (or instrument) name into a Prometheus name.</summary>
    public static string BridgeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = char.ToLowerInvariant(source[i]);
                span[i] = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_';
            }
        });
    }
}
