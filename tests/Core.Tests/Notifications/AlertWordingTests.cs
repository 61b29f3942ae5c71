using Sentinel.Core.Notifications;
using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests.Notifications;

public sealed class AlertWordingTests
{
    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(23, "23rd")]
    [InlineData(101, "101st")]
    [InlineData(111, "111th")]
    [InlineData(112, "112th")]
    public void Ordinal_EnglishSuffixes(int number, string expected) => Assert.Equal(expected, AlertWording.Ordinal(number));

    [Theory]
    [InlineData(45, "45 min")]
    [InlineData(60, "1 h")]
    [InlineData(23 * 60 + 59, "23 h")]
    [InlineData(24 * 60, "1 d")]
    [InlineData(49 * 60 + 30, "2 d 1 h")]
    [InlineData(-5, "0 min")]
    public void Duration_RoundsDown(int minutes, string expected) => Assert.Equal(expected, AlertWording.Duration(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Since_IsUtcToTheMinuteWithTheDuration() =>
        Assert.Equal("since 2026-11-25 12:00 UTC (2 d 1 h)",
            AlertWording.Since(new DateTimeOffset(2026, 11, 25, 14, 0, 30, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 11, 27, 13, 0, 30, TimeSpan.Zero)));
}

public sealed class EscalationTargetTests
{
    private static readonly NotificationTarget Normal = new() { Channels = ["slack", "email"], SlackChannel = "#ml-alerts", EmailRecipients = ["oncall@example.com"] };

    [Fact]
    public void Extra_NewSlackChannelAndRecipient_GoesOnlyToThem()
    {
        var reminders = ResolvedReminders.Default with { EscalateAfter = 1, EscalationSlackChannel = "#ml-leads", EscalationEmailRecipients = ["lead@example.com", "oncall@example.com"] };

        var extra = EscalationTarget.Extra(Normal, reminders);

        Assert.NotNull(extra);
        Assert.Equal(["slack", "email"], extra.Channels);
        Assert.Equal("#ml-leads", extra.SlackChannel);
        Assert.Equal(["lead@example.com"], extra.EmailRecipients);
        Assert.Equal("#ml-leads, lead@example.com and oncall@example.com", EscalationTarget.Whom(reminders));
    }

    [Fact]
    public void Extra_SameChannelAndRecipientsAsNormal_IsNull()
    {
        var reminders = ResolvedReminders.Default with { EscalateAfter = 1, EscalationSlackChannel = "#ml-alerts", EscalationEmailRecipients = ["oncall@example.com"] };

        Assert.Null(EscalationTarget.Extra(Normal, reminders));
    }

    [Fact]
    public void Extra_ChannelsOverriddenOnTheCommandLine_EscalatesOnlyThroughThose()
    {
        var reminders = ResolvedReminders.Default with { EscalateAfter = 1, EscalationSlackChannel = "#ml-leads", EscalationEmailRecipients = ["lead@example.com"] };

        var extra = EscalationTarget.Extra(Normal with { Channels = ["email"] }, reminders, ["email"]);

        Assert.Equal(["email"], extra?.Channels);
        Assert.Null(extra?.SlackChannel);
    }
}
