using System.Net;
using System.Text;
using Sentinel.Testing.Slack;

namespace Sentinel.Adapters.Notifications.Tests;

/// <summary>The double refuses what Slack refuses, so a passing channel test means Slack would accept the message.</summary>
public sealed class SlackWebhookDoubleTests
{
    [Theory]
    [InlineData("{not json", 400, "invalid_payload")]
    [InlineData("{\"channel\":\"#x\"}", 400, "no_text")]
    [InlineData("{\"text\":\"t\",\"blocks\":[{\"type\":\"section\"}]}", 400, "invalid_blocks")]
    [InlineData("{\"text\":\"t\",\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"h\"}}]}", 400, "invalid_blocks")]
    [InlineData("{\"text\":\"t\",\"blocks\":[{\"type\":\"section\",\"fields\":[]}]}", 400, "invalid_blocks")]
    [InlineData("{\"text\":\"plain fallback only\"}", 200, "ok")]
    public async Task Post_Payload_AnswersAsSlack(string body, int status, string answer)
    {
        await using var slack = await SlackWebhookDouble.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(slack.WebhookUrl, content, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
