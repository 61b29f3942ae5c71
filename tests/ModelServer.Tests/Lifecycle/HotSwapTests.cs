using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Sentinel.ModelServer.Inference;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Lifecycle;

public sealed class HotSwapTests(TrainedModels models)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Swap_UnderConcurrentLoad_NoRequestFailsAndEveryOldModelDrains()
    {
        await using var server = RegistryServer.Start(new() { ["Sentinel:ModelServer:PollInterval"] = "00:00:00.100" });
        var first = await server.Publisher.PublishAsync(models.V1);
        await server.WaitForVersionAsync(first.Version);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var failures = new ConcurrentBag<string>();
        var versionsSeen = new ConcurrentDictionary<string, int>();
        var completed = 0;
        var clients = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            string[] texts = ["refund my invoice", "the app is down", "thanks a lot", "great crash on my card"];
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await server.Client.PostAsJsonAsync("/predict", new { text = texts[i++ % texts.Length] }, CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    if (!response.IsSuccessStatusCode) { failures.Add($"{(int)response.StatusCode}: {body}"); continue; }
                    using var json = JsonDocument.Parse(body);
                    versionsSeen.AddOrUpdate(json.RootElement.GetProperty("model").GetProperty("version").GetString()!, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception e) when (e is HttpRequestException or JsonException)
                {
                    failures.Add(e.Message);
                }
            }
        }, CancellationToken.None)).ToList();

        var retired = new List<ServedModel>();
        string last = first.Version;
        for (var swap = 0; swap < 6; swap++)
        {
            var before = server.Holder.Current!;
            var next = await server.Publisher.PublishAsync(swap % 2 == 0 ? models.V2 : models.V1);
            await server.WaitForVersionAsync(next.Version);
            retired.Add(before);
            last = next.Version;
            await Task.Delay(150, Ct);
        }
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(completed > 100, $"only {completed} requests completed");
        Assert.True(versionsSeen.Count >= 4, $"versions seen: {string.Join(", ", versionsSeen.Keys)}");
        await Task.WhenAll(retired.Select(m => m.Drained)).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(last, server.Holder.Current!.Identity.Version);
        Assert.Equal(6, await server.MetricAsync("sentinel_model_server_model_swaps_total{specialist=\"support\"}"));
    }
}
