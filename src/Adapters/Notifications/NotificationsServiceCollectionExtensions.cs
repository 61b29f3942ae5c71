using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sentinel.Adapters.Hosting.Http;
using Sentinel.Adapters.Notifications.Console;
using Sentinel.Adapters.Notifications.Email;
using Sentinel.Adapters.Notifications.Slack;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Slack, e-mail and console channels (as <see cref="INotificationChannel"/>), their options
    /// (validated at start-up), the delivery counter and <see cref="NotificationDispatcher"/>.
    /// </summary>
    public static IServiceCollection AddSentinelNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();

        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());

        services.AddHttpClient<SlackWebhookChannel>()
            .AddSentinelResilience(sp => sp.GetRequiredService<IOptions<SlackOptions>>().Value.RetrySettings);
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<SlackWebhookChannel>());
        services.TryAddSingleton<EmailChannel>();
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<EmailChannel>());
        services.TryAddSingleton(_ => new ConsoleChannel(System.Console.Error));
        services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<ConsoleChannel>());

        services.TryAddSingleton<NotificationMetrics>();
        services.TryAddTransient<NotificationDispatcher>();
        return services;
    }
}
