using Technopark.Domain.Common;
using Technopark.Domain.Rooms;

namespace Technopark.Domain.Tests.Common;

/// <summary>
/// The night Morocco moves its clocks forward after Ramadan (Sunday 14 March 2027, 02:00 → 03:00 in the system's
/// time-zone database): .NET does not flag that gap for Africa/Casablanca (its daylight saving is negative), SiteTime does.
/// </summary>
public class SiteTimeSkippedTests
{
    private static readonly DateOnly ClockForward = new(2027, 3, 14);

    [Theory]
    [InlineData(2 * 60)]
    [InlineData(2 * 60 + 45)]
    public void Instant_TimeInTheGap_IsRefused(int minute)
    {
        Assert.True(SiteTime.IsSkipped(ClockForward, minute));
        Assert.Equal("Rooms.Time.Skipped", Assert.Throws<DomainException>(() => SiteTime.Instant(ClockForward, minute)).Code);
    }

    [Fact]
    public void Instant_TimeInTheGapMovedLater_IsThreeOClock()
    {
        var instant = SiteTime.Instant(ClockForward, 2 * 60 + 30, SkippedTime.MoveLater);

        Assert.Equal(new DateTime(2027, 3, 14, 3, 0, 0), SiteTime.Local(instant));
    }

    [Theory]
    [InlineData(1 * 60 + 45)]
    [InlineData(3 * 60)]
    public void Instant_TimesAroundTheGap_AreWhatTheClockShows(int minute)
    {
        Assert.False(SiteTime.IsSkipped(ClockForward, minute));
        Assert.Equal(ClockForward.ToDateTime(TimeOnly.MinValue).AddMinutes(minute), SiteTime.Local(SiteTime.Instant(ClockForward, minute)));
    }

    [Fact]
    public void BookingSlot_StartingInTheGap_NamesTheStartAndTheTime()
    {
        var error = Assert.Throws<DomainException>(() => new BookingSlot(ClockForward, 2 * 60, 4 * 60).ToInstants());

        Assert.Equal(("Rooms.Time.Skipped", nameof(Booking.Start)), (error.Code, error.Field));
        Assert.Equal(["02:00"], error.Arguments);
    }
}
