using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Rooms;

/// <summary>A room as the day and week views draw it.</summary>
public sealed record ScheduleRoom(int SpaceId, string Code, SpaceKind Kind, int Seats, RoomEquipment Equipment, int[] OpeningMinutes, int MinBookingMinutes,
    int IncludedHoursPerMonth)
{
    public (int Opens, int Closes) On(DateOnly day) => new WeeklyHours(OpeningMinutes).On(day.DayOfWeek);

    public static ScheduleRoom Of(BookableRoom room) => new(room.Space.Id, room.Space.Code, room.Space.Kind, room.Space.Seats, room.Settings.Equipment,
        room.Settings.OpeningMinutes, room.Settings.MinBookingMinutes, room.Settings.IncludedHoursPerMonth);
}

/// <summary>A live booking as the views draw it; <see cref="CompanyName"/> is the booking company's (shown only to who may see it).</summary>
public sealed record ScheduleBooking(long Id, int SpaceId, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset BlockedUntil, BookingPartyKind PartyKind,
    int? CompanyId, string? CompanyName, string? ExternalName, string? Title);

/// <summary>
/// What the day view and the week view read: a site's rooms with the live bookings holding them on a day (ONE statement:
/// rooms left-joined to the bookings of <see cref="BookingFilters.Holding"/> and their company), or one room's week.
/// </summary>
public sealed class RoomSchedule(TechnoparkDbContext db)
{
    /// <summary>The site's active rooms (by code) and the live bookings holding each of them at some point of <paramref name="day"/>.</summary>
    public async Task<IReadOnlyList<(ScheduleRoom Room, IReadOnlyList<ScheduleBooking> Bookings)>> DayAsync(int siteId, DateOnly day,
        CancellationToken cancellationToken)
    {
        var from = SiteTime.StartOf(day);
        var to = SiteTime.StartOf(day.AddDays(1));
        var held = db.Bookings.Where(b => b.SiteId == siteId).Holding(from, to)
            .LeftJoin(db.Companies, b => b.CompanyId, c => (int?)c.Id, (b, c) => new
            {
                b.Id, b.SpaceId, b.Start, b.End, b.BlockedUntil, b.PartyKind, b.CompanyId, CompanyName = c!.LegalName, b.ExternalName, b.Title,
            });
        var rows = await (from s in db.Spaces.AsNoTracking()
                          where s.SiteId == siteId && s.IsActive
                          join r in db.RoomSettings.AsNoTracking() on s.Id equals r.SpaceId
                          select new { s.Id, s.Code, s.Kind, s.Seats, r.Equipment, r.OpeningMinutes, r.MinBookingMinutes, r.IncludedHoursPerMonth })
            .LeftJoin(held, s => s.Id, b => b.SpaceId, (s, b) => new
            {
                s.Id, s.Code, s.Kind, s.Seats, s.Equipment, s.OpeningMinutes, s.MinBookingMinutes, s.IncludedHoursPerMonth,
                // Nullable casts: a room without bookings comes back once, with NULLs for the booking.
                BookingId = (long?)b!.Id,
                Start = (DateTimeOffset?)b.Start,
                End = (DateTimeOffset?)b.End,
                BlockedUntil = (DateTimeOffset?)b.BlockedUntil,
                PartyKind = (BookingPartyKind?)b.PartyKind,
                b.CompanyId,
                CompanyName = (string?)b.CompanyName,
                ExternalName = (string?)b.ExternalName,
                Title = (string?)b.Title,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Id)
            .Select(g =>
            {
                var s = g.First();
                var room = new ScheduleRoom(s.Id, s.Code, s.Kind, s.Seats, s.Equipment, s.OpeningMinutes, s.MinBookingMinutes, s.IncludedHoursPerMonth);
                IReadOnlyList<ScheduleBooking> bookings = [.. g.Where(r => r.BookingId is not null)
                    .Select(r => new ScheduleBooking(r.BookingId!.Value, r.Id, r.Start!.Value, r.End!.Value, r.BlockedUntil!.Value, r.PartyKind!.Value,
                        r.CompanyId, r.CompanyName, r.ExternalName, r.Title))
                    .OrderBy(b => b.Start)];
                return (room, bookings);
            })
            .Where(r => RoomSettings.IsRoom(r.room.Kind))
            .OrderBy(r => r.room.Code, StringComparer.Ordinal)];
    }

    /// <summary>The live bookings holding one room at some point of the seven days from <paramref name="monday"/> (one statement).</summary>
    public async Task<IReadOnlyList<ScheduleBooking>> WeekAsync(int siteId, int spaceId, DateOnly monday, CancellationToken cancellationToken)
    {
        var rows = await db.Bookings.AsNoTracking().Where(b => b.SiteId == siteId && b.SpaceId == spaceId)
            .Holding(SiteTime.StartOf(monday), SiteTime.StartOf(monday.AddDays(7)))
            .LeftJoin(db.Companies, b => b.CompanyId, c => (int?)c.Id, (b, c) => new
            {
                b.Id, b.SpaceId, b.Start, b.End, b.BlockedUntil, b.PartyKind, b.CompanyId, CompanyName = (string?)c!.LegalName, b.ExternalName, b.Title,
            })
            .OrderBy(b => b.Start)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(b => new ScheduleBooking(b.Id, b.SpaceId, b.Start, b.End, b.BlockedUntil, b.PartyKind, b.CompanyId, b.CompanyName,
            b.ExternalName, b.Title))];
    }
}
