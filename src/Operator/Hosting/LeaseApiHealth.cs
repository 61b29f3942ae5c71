using Microsoft.Extensions.Logging;
using Sentinel.Operator.Runtime;

namespace Sentinel.Operator.Hosting;

/// <summary>
/// Whether the last call for the Lease reached the API server, so that an outage is logged once when it starts (with
/// what failed) and once when it ends, however many attempts fail in between.
/// </summary>
public sealed class LeaseApiHealth(ILogger logger)
{
    private int _failing;

    public bool Failing => Volatile.Read(ref _failing) == 1;

    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var first = Interlocked.Exchange(ref _failing, 1) == 0;
        if (!logger.IsEnabled(first ? LogLevel.Warning : LogLevel.Debug)) return;
        var error = exception.GetType().Name;
        if (first) RuntimeLog.LeaseApiUnreachable(logger, error, exception.Message);
        else RuntimeLog.LeaseApiStillUnreachable(logger, error, exception.Message);
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1) RuntimeLog.LeaseApiReachable(logger);
    }
}
