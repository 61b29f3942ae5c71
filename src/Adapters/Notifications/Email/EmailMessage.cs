using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using Sentinel.Core.Notifications;

namespace Sentinel.Adapters.Notifications.Email;

/// <summary>Renders a <see cref="Notification"/> as a MIME message with a plain-text and an HTML body (every value HTML-encoded).</summary>
public static class EmailMessage
{
    public static MimeMessage Build(Notification notification, string from, IEnumerable<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(recipients);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var r in recipients) message.To.Add(MailboxAddress.Parse(r));
        message.Subject = OneLine($"[Sentinel] {notification.SeverityLabel}: {notification.Title}");
        message.Date = notification.Timestamp;
        var body = new BodyBuilder { TextBody = Text(notification), HtmlBody = Html(notification) };
        message.Body = body.ToMessageBody();
        return message;
    }

    public static string Text(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var text = new StringBuilder();
        text.Append(n.SeverityLabel).Append(": ").AppendLine(n.Title).AppendLine();
        text.AppendLine(n.Summary).AppendLine();
        foreach (var fact in n.Facts) text.Append(fact.Name).Append(": ").AppendLine(fact.Value);
        if (n.Actions.Count > 0)
        {
            text.AppendLine().AppendLine("What to do:");
            foreach (var action in n.Actions) text.Append("  - ").AppendLine(action);
        }
        if (SafeLink(n) is { } link) text.AppendLine().Append("Details: ").AppendLine(link.AbsoluteUri);
        text.AppendLine().AppendLine(Footer(n));
        return text.ToString();
    }

    public static string Html(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"color:{Colour(n.Severity)}\">{E(n.SeverityLabel)}: {E(n.Title)}</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(n.Summary)}</p>");
        if (n.Facts.Count > 0)
        {
            html.Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
            foreach (var f in n.Facts)
                html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{E(f.Name)}</th><td>{E(f.Value)}</td></tr>");
            html.Append("</table>");
        }
        if (n.Actions.Count > 0)
        {
            html.Append("<h3>What to do</h3><ul>");
            foreach (var a in n.Actions) html.Append(CultureInfo.InvariantCulture, $"<li>{E(a)}</li>");
            html.Append("</ul>");
        }
        if (SafeLink(n) is { } link) html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(link.AbsoluteUri)}\">Details</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#666;font-size:small\">{E(Footer(n))}</p></body></html>");
        return html.ToString();
    }

    private static string Footer(Notification n) =>
        $"Sentinel · specialist {n.SpecialistType} · {n.Kind} · {n.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}";

    private static Uri? SafeLink(Notification n) => n.Link is { IsAbsoluteUri: true, Scheme: "http" or "https" } link ? link : null;

    private static string Colour(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Critical => "#b00020",
        NotificationSeverity.Warning => "#b26a00",
        _ => "#1b5e20",
    };

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
