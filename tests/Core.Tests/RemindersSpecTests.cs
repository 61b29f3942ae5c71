using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class RemindersSpecTests
{
    private static ResolvedReminders Resolve(RemindersSpec? reminders) => SpecResolver.Resolve(new SpecialistModelDocument
    {
        Metadata = new() { Name = "technical" },
        Spec = new SpecialistModelSpec { Notifications = new NotificationsSpec { Reminders = reminders } },
    }, SeedDefaults.Builtin).Notifications.Reminders;

    private static SpecError Refused(RemindersSpec reminders) =>
        Assert.Single(Assert.Throws<SpecValidationException>(() => Resolve(reminders)).Errors);

    [Fact]
    public void Resolve_NoReminders_DailyWithoutEscalation()
    {
        var r = Resolve(null);

        Assert.True(r.Enabled);
        Assert.Equal(TimeSpan.FromHours(24), r.Every);
        Assert.Null(r.EscalateAfter);
        Assert.False(r.IsEscalated(100));
    }

    [Fact]
    public void Resolve_EveryAndEscalation_AreApplied()
    {
        var r = Resolve(new RemindersSpec
        {
            EveryHours = 12,
            EscalateAfter = 3,
            Escalation = new EscalationSpec { SlackChannel = " #ml-oncall-leads ", EmailRecipients = ["lead@example.com"] },
        });

        Assert.Equal(TimeSpan.FromHours(12), r.Every);
        Assert.Equal("#ml-oncall-leads", r.EscalationSlackChannel);
        Assert.Equal(["lead@example.com"], r.EscalationEmailRecipients);
        Assert.False(r.IsEscalated(3));
        Assert.True(r.IsEscalated(4));
    }

    [Fact]
    public void Resolve_Disabled_IsOff() => Assert.False(Resolve(new RemindersSpec { Enabled = false }).Enabled);

    [Theory]
    [InlineData(0)]
    [InlineData(721)]
    public void Resolve_EveryHoursOutOfRange_NamesFieldAndFix(int hours)
    {
        var e = Refused(new RemindersSpec { EveryHours = hours });

        Assert.Equal("spec.notifications.reminders.everyHours", e.Field);
        Assert.Contains("enabled: false", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EscalateAfterWithoutEscalation_IsRefused()
    {
        var e = Refused(new RemindersSpec { EscalateAfter = 2 });

        Assert.Equal("spec.notifications.reminders.escalation", e.Field);
        Assert.Contains("slackChannel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EscalationWithoutEscalateAfter_IsRefused() =>
        Assert.Equal("spec.notifications.reminders.escalateAfter",
            Refused(new RemindersSpec { Escalation = new EscalationSpec { SlackChannel = "#leads" } }).Field);

    [Fact]
    public void Resolve_EscalationNamingNoOne_IsRefused() =>
        Assert.Contains("names no one", Refused(new RemindersSpec { EscalateAfter = 1, Escalation = new EscalationSpec() }).Message, StringComparison.Ordinal);

    [Fact]
    public void Resolve_NegativeEscalateAfter_IsRefused() =>
        Assert.Equal("spec.notifications.reminders.escalateAfter",
            Refused(new RemindersSpec { EscalateAfter = -1, Escalation = new EscalationSpec { SlackChannel = "#leads" } }).Field);

    [Fact]
    public void Resolve_RecipientNotAnAddress_IsRefused() =>
        Assert.Equal("spec.notifications.reminders.escalation.emailRecipients",
            Refused(new RemindersSpec { EscalateAfter = 1, Escalation = new EscalationSpec { EmailRecipients = ["lead"] } }).Field);
}
