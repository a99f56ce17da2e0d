using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;
using Technopark.Web.Hosting;

namespace Technopark.Web.Pages.Rooms;

/// <summary>A feed that a token opened: its name and its live bookings from a month back to a year ahead.</summary>
public sealed record OpenedFeed(string Name, IReadOnlyList<CalendarBooking> Bookings);

/// <summary>
/// The iCalendar feeds of a room (for the site's staff: every party named) and of a company (its live bookings at every
/// room): secret URLs whose token is the only key, built from the configured public URL; regenerating a token revokes
/// the old URL at once, and is audited. A wrong token and an unknown room or company get the same answer (null: 404).
/// </summary>
public sealed class CalendarFeeds(TechnoparkDbContext db, AuditTrail audit, PublicUrls urls, TimeProvider clock)
{
    /// <summary>How far back a feed goes.</summary>
    public const int DaysBack = 30;

    /// <summary>How far ahead a feed goes: as far as bookings can be made.</summary>
    public const int DaysAhead = Booking.MaxDaysAhead + 1;

    /// <summary>A new token: <see cref="RoomSettings.FeedTokenLength"/> URL-safe characters from 192 random bits.</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(RoomSettings.FeedTokenLength * 3 / 4));

    /// <summary>Whether <paramref name="given"/> is the stored token, in a time that does not tell how much of it matched.</summary>
    public static bool Matches(string? stored, string given) =>
        stored is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(given));

    public string RoomFeedUrl(string slug, int spaceId, string token) => urls.Page("/Rooms/RoomFeed", new { slug, spaceId, token });

    public string CompanyFeedUrl(int companyId, string token) => urls.Page("/Rooms/CompanyFeed", new { id = companyId, token });

    /// <summary>The room's feed when <paramref name="token"/> is its token (null otherwise, as for a room that does not exist).</summary>
    public async Task<OpenedFeed?> RoomAsync(string slug, int spaceId, string token, Func<string, string, string> name, CancellationToken cancellationToken)
    {
        var room = await (from r in db.RoomSettings.AsNoTracking()
                          join s in db.Spaces on r.SpaceId equals s.Id
                          join site in db.Sites on s.SiteId equals site.Id
                          where s.Id == spaceId && site.Slug == slug
                          select new { r.FeedToken, s.Code, SiteName = site.Name, s.SiteId }).SingleOrDefaultAsync(cancellationToken);
        if (room is null || !Matches(room.FeedToken, token))
        {
            return null;
        }

        var (from, to) = Range();
        var bookings = await CalendarBooking.Of(db, db.Bookings.AsNoTracking().Where(b => b.SiteId == room.SiteId && b.SpaceId == spaceId).Holding(from, to))
            .ToListAsync(cancellationToken);
        return new OpenedFeed(name(room.Code, room.SiteName), bookings);
    }

    /// <summary>The company's feed when <paramref name="token"/> is its token (null otherwise, as for a company that does not exist).</summary>
    public async Task<OpenedFeed?> CompanyAsync(int companyId, string token, Func<string, string> name, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId)
            .Select(c => new { c.CalendarToken, c.LegalName }).SingleOrDefaultAsync(cancellationToken);
        if (company is null || !Matches(company.CalendarToken, token))
        {
            return null;
        }

        var (from, to) = Range();
        var bookings = await CalendarBooking.Of(db, db.Bookings.AsNoTracking().Where(b => b.CompanyId == companyId).Holding(from, to))
            .ToListAsync(cancellationToken);
        return new OpenedFeed(name(company.LegalName), bookings);
    }

    /// <summary>Whether the person manages the site (only managers regenerate a room's feed; other staff read it).</summary>
    public Task<bool> IsManagerAsync(int siteId, string userId, CancellationToken cancellationToken) =>
        db.SiteStaff.AnyAsync(s => s.SiteId == siteId && s.UserId == userId && s.Role == SiteRole.SiteManager, cancellationToken);

    /// <summary>A new feed URL for a room of the site (the old one stops working). Returns the room's code.</summary>
    public async Task<string> RegenerateRoomAsync(SiteResource site, int spaceId, CancellationToken cancellationToken)
    {
        var found = await (from r in db.RoomSettings
                           join s in db.Spaces on r.SpaceId equals s.Id
                           where s.Id == spaceId && s.SiteId == site.SiteId
                           select new { Settings = r, s.Code }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("RoomsCal.RoomNotFound");
        found.Settings.RegenerateFeedToken(NewToken());
        audit.Record("room.feed.regenerate", nameof(RoomSettings), spaceId, site.SiteId, null, new { room = found.Code });
        await db.SaveChangesAsync(cancellationToken);
        return found.Code;
    }

    /// <summary>A (new) feed URL for a company of the site (an old one stops working). Returns the company's name.</summary>
    public async Task<string> RegenerateCompanyAsync(SiteResource site, int companyId, CancellationToken cancellationToken)
    {
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == companyId && c.SiteId == site.SiteId, cancellationToken)
            ?? throw new NotFoundException("RoomsCal.CompanyNotFound");
        var had = company.CalendarToken is not null;
        company.RegenerateCalendarToken(NewToken());
        audit.Record(had ? "company.calendar.regenerate" : "company.calendar.create", "Company", companyId, site.SiteId, null,
            new { company = company.LegalName });
        await db.SaveChangesAsync(cancellationToken);
        return company.LegalName;
    }

    private (DateTimeOffset From, DateTimeOffset To) Range()
    {
        var now = clock.GetUtcNow();
        return (now.AddDays(-DaysBack), now.AddDays(DaysAhead));
    }
}
