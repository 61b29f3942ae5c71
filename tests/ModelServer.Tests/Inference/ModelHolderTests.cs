using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Metrics;
using Sentinel.ModelServer.Models;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Inference;

public sealed class ModelHolderTests(TrainedModels models)
{
    private readonly ModelServerMetrics _metrics = new(Prometheus.Metrics.NewCustomRegistry(), "support");

    [Fact]
    public void TryAcquire_NoModel_IsAnEmptyLease()
    {
        using var holder = new ModelHolder();

        using var lease = holder.TryAcquire();

        Assert.Null(lease.Model);
    }

    [Fact]
    public async Task Swap_LeaseOnTheOldModel_OldModelPredictsUntilReleasedThenDrains()
    {
        using var holder = new ModelHolder();
        var v1 = Serve(models.V1, "1");
        holder.Swap(v1);
        var lease = holder.TryAcquire();

        var previous = holder.Swap(Serve(models.V2, "2"));

        Assert.Same(v1, previous);
        Assert.False(v1.Drained.IsCompleted);
        Assert.Equal("billing", lease.Model!.Classifier.Predict("refund invoice charged").Label);
        using (var next = holder.TryAcquire()) Assert.Equal("2", next.Model!.Identity.Version);
        lease.Dispose();
        await v1.Drained.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Throws<ObjectDisposedException>(() => v1.Classifier.Predict("refund"));
    }

    [Fact]
    public async Task Swap_NoLeases_OldModelDrainsAtOnce()
    {
        using var holder = new ModelHolder();
        var v1 = Serve(models.V1, "1");
        holder.Swap(v1);

        holder.Swap(Serve(models.V2, "2"));

        await v1.Drained.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        using var lease = holder.TryAcquire();
        Assert.Equal("2", lease.Model!.Identity.Version);
    }

    [Fact]
    public async Task Dispose_WithALeaseOut_DisposesTheModelWhenTheLeaseEnds()
    {
        var holder = new ModelHolder();
        var v1 = Serve(models.V1, "1");
        holder.Swap(v1);
        var lease = holder.TryAcquire();

        holder.Dispose();

        Assert.False(v1.Drained.IsCompleted);
        lease.Dispose();
        await v1.Drained.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    private ServedModel Serve(ModelFiles files, string version)
    {
        var identity = new ModelIdentity("support-specialist", version, "sha", "test", null);
        var classifier = files.Load();
        return new ServedModel(classifier, identity, version, _metrics.For(identity, classifier.LabelMap.Labels));
    }
}
