using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Spaces;

namespace Technopark.Infrastructure.Data;

/// <summary>Row locks taken inside the caller's transaction, held until it ends (a second caller waits).</summary>
public static class RowLocks
{
    /// <summary>
    /// Locks the site's row: one batch of the site's reminders (reporting, billing) at a time, so that two clicks never remind a
    /// company twice in a week.
    /// </summary>
    public static Task LockSiteAsync(this TechnoparkDbContext db, int siteId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT id FROM sites WHERE id = {siteId} FOR UPDATE", cancellationToken);

    /// <summary>
    /// Locks a company of the site and answers whether it is one: its payments and the use of its credit go one at a time (payments
    /// and allocations are append-only, so their own rows cannot be locked for update by the app's role).
    /// </summary>
    public static async Task<bool> LockCompanyOfSiteAsync(this TechnoparkDbContext db, int siteId, int companyId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"SELECT id AS \"Value\" FROM companies WHERE id = {companyId} AND site_id = {siteId} FOR UPDATE")
            .ToListAsync(cancellationToken)).Count == 1;

    /// <summary>
    /// Locks the rows of the site's spaces <paramref name="ids"/> in id order (two transfers never deadlock) and returns those found,
    /// tracked: the seats of a coworking space are counted under this lock by assignments and coworking passes alike.
    /// </summary>
    public static async Task<List<Space>> LockSpacesOfSiteAsync(this TechnoparkDbContext db, int siteId, int[] ids, CancellationToken cancellationToken)
    {
        var sorted = ids.Distinct().Order().ToArray();
        return await db.Spaces
            .FromSql($"SELECT *, xmin FROM spaces WHERE id = ANY({sorted}) AND site_id = {siteId} ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Locks an event (of the site, when <paramref name="siteId"/> is given) and answers whether it exists: confirmations,
    /// cancellations and the event's own cancellation go one at a time, so each counts the seats the previous one left.
    /// </summary>
    public static async Task<bool> LockEventAsync(this TechnoparkDbContext db, int eventId, int? siteId, CancellationToken cancellationToken) =>
        (await (siteId is { } site
            ? db.Database.SqlQuery<int>($"SELECT id AS \"Value\" FROM events WHERE id = {eventId} AND site_id = {site} FOR UPDATE")
            : db.Database.SqlQuery<int>($"SELECT id AS \"Value\" FROM events WHERE id = {eventId} FOR UPDATE"))
            .ToListAsync(cancellationToken)).Count == 1;
}
