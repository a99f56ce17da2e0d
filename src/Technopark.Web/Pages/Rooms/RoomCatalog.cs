using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Rooms;

/// <summary>A site's bookable rooms and where they are free: what the day view, the finder and the booking service read.</summary>
public sealed class RoomCatalog(TechnoparkDbContext db)
{
    /// <summary>The site's rooms in service that have booking settings, by code (one statement).</summary>
    public async Task<IReadOnlyList<BookableRoom>> RoomsAsync(int siteId, CancellationToken cancellationToken) =>
        await (from s in db.Spaces.AsNoTracking()
               where s.SiteId == siteId && s.IsActive
               join r in db.RoomSettings.AsNoTracking() on s.Id equals r.SpaceId
               orderby s.Code
               select new BookableRoom(s, r)).ToListAsync(cancellationToken);

    /// <summary>One room of the site (null when the id names no room of this site: never another site's).</summary>
    public async Task<BookableRoom?> FindAsync(int siteId, int spaceId, CancellationToken cancellationToken) =>
        await (from s in db.Spaces.AsNoTracking()
               where s.SiteId == siteId && s.Id == spaceId
               join r in db.RoomSettings.AsNoTracking() on s.Id equals r.SpaceId
               select new BookableRoom(s, r)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The live holds of the given rooms of a site that touch [<paramref name="from"/>, <paramref name="to"/>), by room (one statement).</summary>
    public async Task<ILookup<int, HeldTime>> HeldAsync(int siteId, IReadOnlyCollection<int> spaceIds, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken) =>
        (await db.Bookings.AsNoTracking().Where(b => b.SiteId == siteId && spaceIds.Contains(b.SpaceId)).Holding(from, to)
            .Select(b => new { b.SpaceId, b.Start, b.BlockedUntil }).ToListAsync(cancellationToken))
        .ToLookup(b => b.SpaceId, b => new HeldTime(b.Start, b.BlockedUntil));

    /// <summary>The free spans of each room on a day within the wall-clock window [fromMinute, toMinute), at least <paramref name="minutes"/> long.</summary>
    public async Task<IReadOnlyList<FreeSlot>> FreeAsync(int siteId, IReadOnlyList<BookableRoom> rooms, DateOnly day, int fromMinute, int toMinute,
        int minutes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = SiteTime.Instant(day, fromMinute, SkippedTime.MoveLater);
        var to = SiteTime.Instant(day, toMinute, SkippedTime.MoveLater);
        var held = await HeldAsync(siteId, [.. rooms.Select(r => r.Space.Id)], from, to, cancellationToken);
        return [.. rooms.SelectMany(r => FreeSlots.Of(r, day, held[r.Space.Id], from, to, minutes, now))];
    }
}
