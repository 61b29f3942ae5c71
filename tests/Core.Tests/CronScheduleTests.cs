using Sentinel.Core.Specs;

namespace Sentinel.Core.Tests;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 */6 * * *")]
    [InlineData("@hourly")]
    [InlineData("@DAILY")]
    [InlineData("*/15 9-17 * JAN-MAR MON-FRI")]
    [InlineData("0 0 1,15 * 0")]
    [InlineData("0 0 * * 7")]
    [InlineData("  5 4 * * sun  ")]
    [InlineData("0 0 ? * *")]
    public void Validate_ValidSchedule_IsNull(string schedule) => Assert.Null(CronSchedule.Validate(schedule));

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("0 */6 * *", "4 fields instead of 5")]
    [InlineData("0 */6 * * * *", "6 fields instead of 5")]
    [InlineData("61 * * * *", "minute '61': 61 is outside 0-59")]
    [InlineData("0 24 * * *", "hour '24': 24 is outside 0-23")]
    [InlineData("0 0 0 * *", "day of month '0': 0 is outside 1-31")]
    [InlineData("0 0 * 13 *", "month '13': 13 is outside 1-12")]
    [InlineData("0 0 * * 8", "day of week '8': 8 is outside 0-7")]
    [InlineData("5-1 * * * *", "minute '5-1': the range is reversed")]
    [InlineData("*/0 * * * *", "minute '*/0': the step after '/' must be a positive number")]
    [InlineData("1/2/3 * * * *", "minute '1/2/3': more than one '/'")]
    [InlineData("x * * * *", "minute 'x': 'x' is not a number")]
    [InlineData("@sometimes", "unknown macro @sometimes")]
    public void Validate_InvalidSchedule_SaysWhichFieldAndWhy(string schedule, string problem) =>
        Assert.Equal(problem, CronSchedule.Validate(schedule));

    [Fact]
    public void Validate_Null_IsEmpty() => Assert.Equal("it is empty", CronSchedule.Validate(null));
}
