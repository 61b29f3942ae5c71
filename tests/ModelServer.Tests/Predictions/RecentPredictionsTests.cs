using Microsoft.Extensions.Options;
using Sentinel.ModelServer.Configuration;
using Sentinel.ModelServer.Predictions;

namespace Sentinel.ModelServer.Tests.Predictions;

public sealed class RecentPredictionsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);
    private static readonly PredictingModel V1 = new("1", ["billing", "technical", "account"]);
    private static readonly PredictingModel V2 = new("2", ["billing", "technical"]);

    [Fact]
    public void Find_RememberedPrediction_ReturnsItsModelLabelAndText()
    {
        var recent = Recent(10);

        var id = recent.Remember(At, V1, 2, "my password expired").ToString("N");

        var found = recent.Find(id);
        Assert.NotNull(found);
        Assert.Equal(id, found.PredictionId);
        Assert.Equal("1", found.ModelVersion);
        Assert.Equal("account", found.Label);
        Assert.Equal(V1.Labels, found.Labels);
        Assert.Equal("my password expired", found.Text);
    }

    [Fact]
    public void Remember_Ids_AreTimeOrderedVersion7UuidsAndUnique()
    {
        var recent = Recent(4);

        var ids = Enumerable.Range(0, 1_000).Select(i => recent.Remember(At.AddMilliseconds(i), V1, 0, null)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        var text = ids.Select(id => id.ToString("N")).ToList();
        Assert.Equal(text.Order(StringComparer.Ordinal), text);
    }

    [Fact]
    public void Find_AfterTheRingWrappedPastIt_IsNullWhileNewerOnesAreFound()
    {
        var recent = Recent(3);
        var first = recent.Remember(At, V1, 0, null).ToString("N");

        var later = Enumerable.Range(1, 3).Select(i => recent.Remember(At.AddSeconds(i), V2, 1, null).ToString("N")).ToList();

        Assert.Null(recent.Find(first));
        Assert.All(later, id => Assert.Equal("technical", recent.Find(id)?.Label));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-prediction-id")]
    [InlineData("0192f3a1b2c37d4e8f00000000000001")]
    [InlineData("0192f3a1b2c37d4e8f000000ffffffff")]
    public void Find_UnknownOrMalformedId_IsNull(string id)
    {
        var recent = Recent(3);
        recent.Remember(At, V1, 0, null);

        Assert.Null(recent.Find(id));
    }

    [Fact]
    public void Find_IdWithTheRightSlotButAnotherPrediction_IsNull()
    {
        var recent = Recent(1);
        var original = recent.Remember(At, V1, 0, null);
        Span<byte> bytes = stackalloc byte[16];
        original.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[8] ^= 0x01;

        Assert.Null(recent.Find(new Guid(bytes, bigEndian: true).ToString("N")));
        Assert.NotNull(recent.Find(original.ToString("N")));
    }

    [Fact]
    public void Remember_CapacityZero_RemembersNothingButStillGivesIds()
    {
        var recent = Recent(0);

        var id = recent.Remember(At, V1, 0, null);

        Assert.Equal(7, id.Version);
        Assert.Null(recent.Find(id.ToString("N")));
    }

    [Fact]
    public async Task Find_UnderConcurrentWriters_NeverReturnsAnotherPrediction()
    {
        var recent = Recent(64);
        var models = Enumerable.Range(0, 8).Select(i => new PredictingModel($"v{i}", ["a", "b", "c"])).ToArray();
        var wrong = 0;
        var found = 0;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                var model = models[(writer + i) % models.Length];
                var label = i % 3;
                var id = recent.Remember(At, model, label, null).ToString("N");
                if (recent.Find(id) is not { } seen) continue;
                Interlocked.Increment(ref found);
                if (seen.ModelVersion != model.Version || seen.Label != model.Labels[label] || seen.PredictionId != id) Interlocked.Increment(ref wrong);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(0, wrong);
        Assert.True(found > 100_000, $"only {found} of 200000 predictions were found right after they were made");
    }

    private static RecentPredictions Recent(int capacity) =>
        new(Options.Create(new ModelServerOptions { SpecialistType = "support", RecentPredictionCapacity = capacity }));
}
