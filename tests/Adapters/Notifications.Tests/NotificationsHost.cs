using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Sentinel.Adapters.Notifications;
using Sentinel.Adapters.Notifications.Console;

namespace Sentinel.Adapters.Notifications.Tests;

/// <summary>A container wired with <see cref="NotificationsServiceCollectionExtensions.AddSentinelNotifications"/>, fast retries, captured console and logs.</summary>
internal sealed class NotificationsHost : IAsyncDisposable
{
    private NotificationsHost(ServiceProvider services, StringWriter console, FakeLogCollector logs)
    {
        Services = services;
        Console = console;
        Logs = logs;
    }

    public ServiceProvider Services { get; }
    public StringWriter Console { get; }
    public FakeLogCollector Logs { get; }

    public NotificationDispatcher Dispatcher => Services.GetRequiredService<NotificationDispatcher>();

    public static NotificationsHost Build(Uri? slackWebhook = null, string? smtpHost = null, int smtpPort = 587, string? recipients = null,
        string? smtpUser = null, string? smtpPassword = null, int retries = 2)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sentinel:Slack:WebhookUrl"] = slackWebhook?.ToString(),
            ["Sentinel:Slack:TimeoutSeconds"] = "3",
            ["Sentinel:Slack:Retries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sentinel:Slack:RetryDelay"] = "00:00:00.050",
            ["Sentinel:Smtp:Host"] = smtpHost,
            ["Sentinel:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sentinel:Smtp:User"] = smtpUser,
            ["Sentinel:Smtp:Password"] = smtpPassword,
            ["Sentinel:Smtp:From"] = "Sentinel <sentinel@example.com>",
            ["Sentinel:Smtp:Recipients"] = recipients,
            ["Sentinel:Smtp:TimeoutSeconds"] = "3",
            ["Sentinel:Smtp:Retries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sentinel:Smtp:RetryDelay"] = "00:00:00.050",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Where(kv => kv.Value is not null)).Build();
        var console = new StringWriter();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)))
            .AddSentinelNotifications(configuration);
        services.Replace(ServiceDescriptor.Singleton(new ConsoleChannel(console)));
        return new NotificationsHost(services.BuildServiceProvider(validateScopes: true), console, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Console.DisposeAsync();
    }
}
