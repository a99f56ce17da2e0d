using Technopark.Domain.Assignments;

namespace Technopark.Domain.Tests.Assignments;

public class EndingSoonTests
{
    private static readonly DateOnly Day = new(2026, 6, 15);

    [Theory]
    [InlineData(60, true)]  // end (exclusive) 60 days on: the last day is within the window
    [InlineData(61, false)]
    [InlineData(0, true)]   // ended on the day itself (no longer held, still "ending")
    public void Within_EndRelativeToTheWindow_CountsUpToItsLastDay(int daysAfter, bool expected) =>
        Assert.Equal(expected, EndingSoon.Within(Day.AddDays(daysAfter), Day, EndingSoon.BoardWithinDays));

    [Fact]
    public void Within_OpenEnded_NeverEndingSoon() => Assert.False(EndingSoon.Within(null, Day, EndingSoon.DashboardWithinDays));
}
