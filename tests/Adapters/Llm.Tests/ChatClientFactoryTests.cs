using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Llm;

namespace Sentinel.Adapters.Llm.Tests;

public sealed class ChatClientFactoryTests(ITestOutputHelper output)
{
    public static TheoryData<string> Providers => [LlmProviders.Local, LlmProviders.OpenAi, LlmProviders.Anthropic];

    private static readonly ChatOptions JsonOptions = new() { Temperature = 0.3f, ResponseFormat = ChatResponseFormat.Json };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_ServerAnswers_ReturnsTheAssistantText(string provider)
    {
        await using var server = await LlmTestHost.Start(provider);
        using var services = LlmTestHost.Services();
        using var client = services.GetRequiredService<IChatClientFactory>().Create(LlmTestHost.Generation(provider, server.BaseUri));
        server.Reply("{\"samples\": [{\"text\": \"all good\", \"label\": \"positive\"}]}");

        var response = await client.GetResponseAsync("write samples", JsonOptions.Clone(), TestContext.Current.CancellationToken);

        Assert.Equal("{\"samples\": [{\"text\": \"all good\", \"label\": \"positive\"}]}", response.Text);
        var request = Assert.Single(server.Requests);
        output.WriteLine(request.ToJsonString());
        Assert.Equal("test-model", request["model"]!.GetValue<string>());
        Assert.Contains("write samples", request["messages"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmProviders.Local, "\"format\":\"json\"")]
    [InlineData(LlmProviders.OpenAi, "\"response_format\":{\"type\":\"json_object\"}")]
    public async Task Create_JsonResponseFormat_IsSentInTheProvidersOwnField(string provider, string expected)
    {
        await using var server = await LlmTestHost.Start(provider);
        using var services = LlmTestHost.Services();
        using var client = services.GetRequiredService<IChatClientFactory>().Create(LlmTestHost.Generation(provider, server.BaseUri));
        server.Reply("{}");

        await client.GetResponseAsync("write samples", JsonOptions.Clone(), TestContext.Current.CancellationToken);

        Assert.Contains(expected, Assert.Single(server.Requests).ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_RateLimitedOnce_RetriesAndSucceeds(string provider)
    {
        await using var server = await LlmTestHost.Start(provider);
        using var services = LlmTestHost.Services();
        using var client = services.GetRequiredService<IChatClientFactory>().Create(LlmTestHost.Generation(provider, server.BaseUri));
        server.Fail(429);
        server.Reply("ok");

        var response = await client.GetResponseAsync("hi", JsonOptions.Clone(), TestContext.Current.CancellationToken);

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_ServerErrorsOnEveryAttempt_ThrowsAfterRetries(string provider)
    {
        await using var server = await LlmTestHost.Start(provider);
        using var services = LlmTestHost.Services(retries: 2);
        using var client = services.GetRequiredService<IChatClientFactory>().Create(LlmTestHost.Generation(provider, server.BaseUri));
        server.Fail(500);
        server.Fail(500);
        server.Fail(500);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("hi", JsonOptions.Clone(), TestContext.Current.CancellationToken));

        output.WriteLine($"{error.GetType()}: {error.Message}");
        Assert.Equal(3, server.Requests.Count); // the first attempt and two retries, none by the SDK itself
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_ReplySlowerThanRequestTimeout_GivesUpInTime(string provider)
    {
        await using var server = await LlmTestHost.Start(provider);
        using var services = LlmTestHost.Services(timeoutSeconds: 1, retries: 1);
        using var client = services.GetRequiredService<IChatClientFactory>().Create(LlmTestHost.Generation(provider, server.BaseUri));
        server.Stall(TimeSpan.FromSeconds(30));
        server.Stall(TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("hi", JsonOptions.Clone(), TestContext.Current.CancellationToken));

        output.WriteLine($"{error.GetType()}: {error.Message} after {watch.Elapsed}");
        // At least the two one-second attempts, and well short of the 30-second stall: the timeout was honoured.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(25));
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(LlmProviders.OpenAi, "OPENAI_API_KEY")]
    [InlineData(LlmProviders.Anthropic, "ANTHROPIC_API_KEY")]
    public void Create_MissingApiKey_ThrowsNamingTheVariable(string provider, string variable)
    {
        using var services = LlmTestHost.Services(withKeys: false);

        var error = Assert.Throws<LlmConfigurationException>(() => services.GetRequiredService<IChatClientFactory>().Create(LlmTestHost.Generation(provider, null)));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("offline", "offline sample generator")]
    [InlineData("gemini", "'gemini' is not an LLM provider")]
    public void Create_ProviderWithoutChatClient_ThrowsSayingWhy(string provider, string expected)
    {
        using var services = LlmTestHost.Services();

        var error = Assert.Throws<LlmConfigurationException>(() => services.GetRequiredService<IChatClientFactory>().Create(LlmTestHost.Generation(provider, null)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BaseUrlNotHttp_ThrowsNamingTheSetting()
    {
        using var services = LlmTestHost.Services();
        var generation = LlmTestHost.Generation(LlmProviders.Local, null) with { BaseUrl = "ollama:11434" };

        var error = Assert.Throws<LlmConfigurationException>(() => services.GetRequiredService<IChatClientFactory>().Create(generation));

        Assert.Contains("LLM_BASE_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TimeoutOutOfRange_FailValidationNamingTheKey()
    {
        using var services = LlmTestHost.Services(timeoutSeconds: 0);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains("Sentinel:Llm:RequestTimeoutSeconds", error.Message, StringComparison.Ordinal);
    }
}
