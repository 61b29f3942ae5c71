using System.Globalization;
using System.Text;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications.Console;

/// <summary>Writes each notification as a readable block to standard error (local runs, and the default channel).</summary>
public sealed class ConsoleChannel(TextWriter writer) : INotificationChannel
{
    private readonly Lock _gate = new();

    public string Name => NotificationTarget.Console;

    public string? MissingConfiguration(NotificationTarget target) => null;

    public Task SendAsync(Notification notification, NotificationTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var block = Render(notification);
        lock (_gate)
        {
            writer.Write(block);
            writer.Flush();
        }
        return Task.CompletedTask;
    }

    public static string Render(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var text = new StringBuilder();
        var when = n.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture, $"==== [{n.SeverityLabel}] {n.Title} ====");
        text.AppendLine(CultureInfo.InvariantCulture, $"specialist: {n.SpecialistType} | {n.Kind} | {when}");
        text.AppendLine(n.Summary);
        var width = n.Facts.Count == 0 ? 0 : n.Facts.Max(f => f.Name.Length);
        foreach (var fact in n.Facts) text.AppendLine(CultureInfo.InvariantCulture, $"  {fact.Name.PadRight(width)}  {fact.Value}");
        if (n.Actions.Count > 0)
        {
            text.AppendLine("What to do:");
            foreach (var action in n.Actions) text.AppendLine(CultureInfo.InvariantCulture, $"  - {action}");
        }
        if (n.Link is { } link) text.AppendLine(CultureInfo.InvariantCulture, $"Details: {link}");
        text.AppendLine();
        return text.ToString();
    }
}
