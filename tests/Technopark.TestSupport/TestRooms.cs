using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;

namespace Technopark.TestSupport;

/// <summary>Rooms for tests: a meeting room (or another kind) of a site with its booking settings, adjusted by the test.</summary>
public static class TestRooms
{
    /// <summary>
    /// Creates a room space and its settings (defaults of <see cref="RoomSettings.Default"/>, then <paramref name="adjust"/>)
    /// at the site of <paramref name="slug"/>; returns the space id.
    /// </summary>
    public static async Task<int> CreateAsync(TechnoparkDbContext db, string slug, string code, int seats = 10,
        SpaceKind kind = SpaceKind.MeetingRoom, Action<RoomSettings>? adjust = null)
    {
        var siteId = await db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        var space = Space.Create(siteId, code, kind, 0, 30m, seats, 0m);
        db.Spaces.Add(space);
        await db.SaveChangesAsync();
        var settings = RoomSettings.Default(space.Id, Token());
        adjust?.Invoke(settings);
        db.RoomSettings.Add(settings);
        await db.SaveChangesAsync();
        return space.Id;
    }

    /// <summary>Sets a room's settings, keeping those not given.</summary>
    public static void Set(this RoomSettings s, WeeklyHours? hours = null, int? min = null, int? max = null, int? buffer = null, int? notice = null,
        int? included = null, RoomEquipment? equipment = null) =>
        s.Update(equipment ?? s.Equipment, hours ?? s.Hours, min ?? s.MinBookingMinutes, max ?? s.MaxBookingMinutes, buffer ?? s.BufferMinutes,
            notice ?? s.CancellationNoticeMinutes, s.HourRate, s.HalfDayRate, s.DayRate, s.VatPercent, included ?? s.IncludedHoursPerMonth);

    public static string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(RoomSettings.FeedTokenLength / 2)).ToLowerInvariant();
}
