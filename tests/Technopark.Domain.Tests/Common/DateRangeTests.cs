using Technopark.Domain.Common;

namespace Technopark.Domain.Tests.Common;

public class DateRangeTests
{
    private static readonly DateOnly March1 = new(2027, 3, 1);
    private static readonly DateOnly Sept1 = new(2027, 9, 1);

    [Fact]
    public void Create_EndBeforeOrOnStart_Throws()
    {
        Assert.Equal("Period.EndNotAfterStart", Assert.Throws<DomainException>(() => new DateRange(Sept1, March1)).Code);
        Assert.Throws<DomainException>(() => new DateRange(March1, March1));
    }

    [Fact]
    public void Create_EndBeforeOrOnStart_NamesTheEndField()
    {
        Assert.Equal(nameof(DateRange.End), Assert.Throws<DomainException>(() => new DateRange(March1, March1)).Field);
    }

    [Theory]
    [InlineData("9999-12-31", null, "Start")]
    [InlineData("1999-12-31", null, "Start")]
    [InlineData("2027-03-01", "9999-12-31", "End")]
    [InlineData("2027-03-01", "2101-01-01", "End")]
    public void FromLastDay_DayOutsideTheLimits_ThrowsOutOfRangeForThatField(string start, string? lastDay, string field)
    {
        var error = Assert.Throws<DomainException>(() =>
            DateRange.FromLastDay(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
                lastDay is null ? null : DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal((DateRangeLimits.OutOfRangeCode, field), (error.Code, error.Field));
    }

    [Fact]
    public void FromLastDay_LastDayOfTheLimits_IsAccepted()
    {
        var period = DateRange.FromLastDay(DateRangeLimits.Min, DateRangeLimits.Max);

        Assert.Equal(DateRangeLimits.Max.AddDays(1), period.End);
    }

    [Fact]
    public void Contains_HalfOpen_StartInEndOut()
    {
        var period = new DateRange(March1, Sept1);
        Assert.True(period.Contains(March1));
        Assert.True(period.Contains(Sept1.AddDays(-1)));
        Assert.False(period.Contains(Sept1));
        Assert.False(period.Contains(March1.AddDays(-1)));
    }

    [Fact]
    public void Overlaps_AdjacentPeriods_DoNotOverlap()
    {
        var first = new DateRange(March1, Sept1);
        var next = new DateRange(Sept1, null);
        Assert.False(first.Overlaps(next));
        Assert.False(next.Overlaps(first));
    }

    [Fact]
    public void Overlaps_OneDayInCommonOrOpenEnded_Overlaps()
    {
        var first = new DateRange(March1, Sept1);
        Assert.True(first.Overlaps(new DateRange(Sept1.AddDays(-1), null)));
        Assert.True(new DateRange(new DateOnly(2020, 1, 1), null).Overlaps(first));
        Assert.True(first.Overlaps(new DateRange(new DateOnly(2027, 4, 1), new DateOnly(2027, 5, 1))));
    }

    [Fact]
    public void LastDay_IsTheDayBeforeEnd_OrNullWhenOpen()
    {
        Assert.Equal(new DateOnly(2027, 8, 31), new DateRange(March1, Sept1).LastDay);
        Assert.Null(new DateRange(March1, null).LastDay);
        Assert.Equal(new DateRange(March1, Sept1), DateRange.FromLastDay(March1, new DateOnly(2027, 8, 31)));
    }
}
