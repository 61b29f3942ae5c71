using System.Diagnostics.Metrics;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>Creates meters for one test and disposes them with it.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public IReadOnlyList<Meter> Meters => _meters;

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters) meter.Dispose();
        _meters.Clear();
    }
}
