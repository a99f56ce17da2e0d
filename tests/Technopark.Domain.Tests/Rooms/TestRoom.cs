using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Rooms;

/// <summary>A room for domain tests: a meeting room with the defaults of <see cref="RoomSettings.Default"/>, adjusted by the test.</summary>
internal static class TestRoom
{
    public static BookableRoom Of(int seats = 10, SpaceKind kind = SpaceKind.MeetingRoom, bool active = true, WeeklyHours? hours = null,
        int? min = null, int? max = null, int? buffer = null, int? notice = null)
    {
        var space = Space.Create(1, "MR-T", kind, 0, 30m, seats, 0m);
        if (!active)
        {
            space.Deactivate(null, new DateOnly(2026, 1, 1));
        }

        var s = RoomSettings.Default(space.Id, new string('a', RoomSettings.FeedTokenLength));
        s.Update(s.Equipment, hours ?? s.Hours, min ?? s.MinBookingMinutes, max ?? s.MaxBookingMinutes, buffer ?? s.BufferMinutes,
            notice ?? s.CancellationNoticeMinutes, s.HourRate, s.HalfDayRate, s.DayRate, s.VatPercent, s.IncludedHoursPerMonth);
        return new BookableRoom(space, s);
    }

    /// <summary>The instant of a wall-clock time on a day when Morocco is at UTC+01:00 (checked: the reference must not silently borrow SiteTime).</summary>
    public static DateTimeOffset PlusOne(DateOnly day, int minuteOfDay)
    {
        var instant = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(1)).AddMinutes(minuteOfDay);
        Assert.Equal(TimeSpan.FromHours(1), Technopark.Domain.Common.SiteTime.Zone.GetUtcOffset(instant));
        return instant;
    }
}
