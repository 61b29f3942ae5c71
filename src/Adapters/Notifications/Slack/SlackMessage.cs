using System.Globalization;
using System.Text.Json.Nodes;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications.Slack;

/// <summary>
/// Renders a <see cref="Notification"/> as a Slack Block Kit message: a header, the summary, the facts as
/// section fields (at most 10 per section), the steps to take, a context line, and a plain <c>text</c>
/// fallback for notifications and clients that do not show blocks. Every value is escaped for mrkdwn.
/// </summary>
public static class SlackMessage
{
    private const int HeaderLimit = 150;
    private const int SectionTextLimit = 3000;
    private const int FieldTextLimit = 2000;
    private const int FieldsPerSection = 10;

    public static JsonObject Build(Notification notification, string? channel)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate($"{Emoji(notification)} {notification.Title}", HeaderLimit), ["emoji"] = true },
            },
            Section(Escape(string.IsNullOrWhiteSpace(notification.Summary) ? notification.Title : notification.Summary)),
        };
        foreach (var chunk in notification.Facts.Chunk(FieldsPerSection))
        {
            var fields = new JsonArray();
            foreach (var fact in chunk)
                fields.Add(Text("mrkdwn", Truncate($"*{Escape(fact.Name)}*\n{Escape(fact.Value)}", FieldTextLimit)));
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }
        if (notification.Actions.Count > 0)
            blocks.Add(Section("*What to do*\n" + string.Join('\n', notification.Actions.Select(a => "• " + Escape(a)))));
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { Text("mrkdwn", Context(notification)) } });

        var message = new JsonObject { ["text"] = Fallback(notification), ["blocks"] = blocks };
        if (!string.IsNullOrWhiteSpace(channel)) message["channel"] = channel;
        return message;
    }

    /// <summary>The plain fallback: <c>[WARNING] title: summary</c>.</summary>
    public static string Fallback(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return Escape($"[{notification.SeverityLabel}] {notification.Title}: {notification.Summary}");
    }

    /// <summary>Slack's mrkdwn escaping: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> become entities.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static string Context(Notification n)
    {
        var when = n.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var line = $"Sentinel · specialist *{Escape(n.SpecialistType)}* · {n.Kind} · {n.SeverityLabel} · {when}";
        return n.Link is { IsAbsoluteUri: true, Scheme: "http" or "https" } link
            ? $"{line} · <{Escape(link.AbsoluteUri).Replace("|", "%7C", StringComparison.Ordinal)}|details>"
            : line;
    }

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = Text("mrkdwn", Truncate(mrkdwn, SectionTextLimit)) };

    private static JsonObject Text(string type, string text) => new() { ["type"] = type, ["text"] = text };

    private static string Emoji(Notification n) => n.Severity switch
    {
        NotificationSeverity.Critical => ":rotating_light:",
        NotificationSeverity.Warning => ":warning:",
        _ => n.Kind is NotificationKind.RetrainFailed ? ":x:" : ":white_check_mark:",
    };

    private static string Truncate(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
