using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Auditing;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;
using Technopark.Domain.Staff;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo's audit trail over the last twelve months (demo mode only), written as the app writes it, so that /hq/audit and
/// /manage/{slug}/audit have a year to filter: the staff roles given, the stays the demo started or ended in that year (by the
/// site's manager where the demo has one, else by HQ, the morning of the day), and a rent change of a few offices per site
/// (before and after, so the entry page has a changed field to show). The other seeders write their rows directly, without
/// audit entries. INVENTED: who did what when. Idempotent: a trail with any stay entry gets nothing.
/// </summary>
public sealed class DemoAudit(TechnoparkDbContext db, TimeProvider clock) : IDemoSeeder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.AuditLog.AnyAsync(a => a.EntityType == nameof(Assignment), cancellationToken))
        {
            return;
        }

        var today = clock.Today();
        var from = today.AddYears(-1);
        var hq = await db.Users.AsNoTracking().Where(u => u.Email == "hq@technopark.ma").Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(cancellationToken);
        if (hq is null)
        {
            return;
        }

        var managers = await db.SiteStaff.AsNoTracking().Where(s => s.Role == SiteRole.SiteManager)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.SiteId, u.Id, u.Email })
            .ToListAsync(cancellationToken);
        var byManager = managers.GroupBy(m => m.SiteId).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Email));
        (string Id, string? Email) Actor(int siteId) => byManager.TryGetValue(siteId, out var m) ? m : (hq.Id, hq.Email);
        var random = new Random(17);
        DateTimeOffset Morning(DateOnly day) =>
            SiteTime.Instant(day, random.Next(8 * 60 + 30, 18 * 60), SkippedTime.MoveLater).AddSeconds(random.Next(60));
        var entries = new List<AuditEntry>();

        var staff = await db.SiteStaff.AsNoTracking()
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Id, s.SiteId, s.Role, u.Email })
            .Join(db.Sites, x => x.SiteId, site => site.Id, (x, site) => new { x.Id, x.SiteId, x.Role, x.Email, site.Slug })
            .ToListAsync(cancellationToken);
        entries.AddRange(staff.Select(s => Entry(Morning(from.AddDays(random.Next(0, 20))), hq.Id, hq.Email, s.SiteId, "staff.grant", nameof(SiteStaff),
            s.Id, null, new { email = s.Email, site = s.Slug, role = s.Role.ToString() })));

        var stays = await db.Assignments.AsNoTracking()
            .Where(a => (a.Period.Start >= from && a.Period.Start <= today) || (a.Period.End != null && a.Period.End > from && a.Period.End <= today))
            .Join(db.Spaces, a => a.SpaceId, s => s.Id, (a, s) => new { a, s.Code })
            .Join(db.Companies, x => x.a.CompanyId, c => c.Id, (x, c) => new { x.a, x.Code, c.LegalName })
            .ToListAsync(cancellationToken);
        foreach (var stay in stays)
        {
            var a = stay.a;
            var open = new { space = stay.Code, company = stay.LegalName, start = a.Period.Start, end = (DateOnly?)null, a.Seats, rent = a.MonthlyRent, endReason = (string?)null };
            var actor = Actor(a.SiteId);
            if (a.Period.Start >= from)
            {
                entries.Add(Entry(Morning(a.Period.Start.AddDays(-random.Next(0, 10))), actor.Id, actor.Email, a.SiteId, "assignment.create", nameof(Assignment), a.Id,
                    null, a.Period.End is { } end && end > today ? open with { end = a.Period.End } : open));
            }

            if (a.Period.End is { } ended && ended > from && ended <= today)
            {
                entries.Add(Entry(Morning(ended.AddDays(-random.Next(1, 30))), actor.Id, actor.Email, a.SiteId, "assignment.end", nameof(Assignment), a.Id,
                    open, open with { end = ended, endReason = (a.EndReason ?? AssignmentEnd.Other).ToString() }));
            }
        }

        var offices = await db.Spaces.AsNoTracking().Where(s => s.Kind == SpaceKind.Office && s.IsActive).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        foreach (var space in offices.GroupBy(s => s.SiteId).SelectMany(g => g.Take(3)))
        {
            var after = new { space.Code, Kind = space.Kind.ToString(), space.Floor, Area = space.AreaSquareMeters, space.Seats, space.MonthlyRate, space.IsActive };
            var actor = Actor(space.SiteId);
            entries.Add(Entry(Morning(from.AddDays(random.Next(30, 330))), actor.Id, actor.Email, space.SiteId, "space.update", nameof(Space), space.Id,
                after with { MonthlyRate = Math.Round(space.MonthlyRate * 0.95m, 2, MidpointRounding.AwayFromZero) }, after));
        }

        db.AuditLog.AddRange(entries.OrderBy(e => e.At));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static AuditEntry Entry(DateTimeOffset at, string userId, string? email, int siteId, string action, string type, int id, object? before, object? after) =>
        AuditEntry.Create(at, userId, email, siteId, action, type, id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before is null ? null : JsonSerializer.Serialize(before, Json), after is null ? null : JsonSerializer.Serialize(after, Json));
}
