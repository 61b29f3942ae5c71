using Microsoft.Playwright;
using Sentinel.Adapters.Feedback.Sqlite;
using Sentinel.ModelServer.Tests.Hosting;

namespace Sentinel.ModelServer.Tests.Page;

/// <summary>
/// The page at <c>/</c> driven in Debian's headless Chromium through Playwright, against the server on a real
/// loopback socket: type a text, predict, send feedback, see the confirmation.
/// </summary>
public sealed class PageTests(TrainedModels models)
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_TypePredictAndSendFeedback_ShowsPredictionAndConfirmation()
    {
        await using var factory = ModelServerFactory.ForFile(models.V1, new() { ["Sentinel:ModelServer:ModelVersion"] = "v1" });
        var address = factory.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = address };
        await factory.WaitUntilReadyAsync(client);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address.ToString());
        await Assertions.Expect(page.Locator("#model")).ToContainTextAsync("version v1");

        await page.FillAsync("#text", "I was charged twice, please refund my invoice");
        await page.ClickAsync("#predict");
        await Assertions.Expect(page.Locator("#label")).ToHaveTextAsync("billing");
        var predictionId = await page.Locator("#prediction-id").TextContentAsync();
        await page.FillAsync("#note", "right on");
        await page.ClickAsync("#feedback-correct");

        await Assertions.Expect(page.Locator("#feedback-status")).ToContainTextAsync("Feedback recorded (correct) for model v1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sentinel-model-server-page.png") });
        using var store = new SqliteFeedbackStore(Path.Combine(factory.DataDirectory, "feedback.db"));
        var stored = Assert.Single(await store.GetRecentLabelledAsync("support", 10, Ct));
        Assert.Equal(predictionId, stored.PredictionId);
        Assert.Equal("billing", stored.TrueLabel);
        Assert.Equal("right on", stored.Note);
    }

    [Fact]
    public async Task Page_EmptyTextRejectedByServer_ShowsTheProblem()
    {
        await using var factory = ModelServerFactory.ForFile(models.V1);
        var address = factory.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = address };
        await factory.WaitUntilReadyAsync(client);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address.ToString());
        await page.FillAsync("#text", "   ");
        await page.EvaluateAsync("document.getElementById('text').removeAttribute('required')");
        await page.ClickAsync("#predict");

        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("text: text is empty");
    }

    /// <summary>Debian's Chromium (Playwright's own browser downloads are not used).</summary>
    private static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing; run scripts/install-test-deps.sh (Debian package chromium)");
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}
