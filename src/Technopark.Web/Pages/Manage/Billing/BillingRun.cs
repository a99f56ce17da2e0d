using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Pages.Rooms;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>What a run did: drafts created, updated, left as they were, and removed (nothing left to bill on them).</summary>
public sealed record RunResult(int Created, int Updated, int Unchanged, int Removed)
{
    public int Drafts => Created + Updated + Unchanged;
}

/// <summary>
/// The monthly run of a site (<see cref="MonthlyRun"/> computes): one draft per company with a line per stay held in the month and
/// per room used beyond its included hours. Idempotent per source and month: a source already on an issued invoice of the month
/// (not credited) is not drafted again; a draft follows the stays and rooms as they are now. Runs of one site wait for each other.
/// </summary>
public sealed class BillingRun(TechnoparkDbContext db, RoomUsage roomUsage, BillingPolicy policy, AuditTrail audit)
{
    public async Task<RunResult> RunAsync(int siteId, BillingMonth month, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One run of a site at a time: two runs of a month would each draft the same company.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM sites WHERE id = {siteId} FOR UPDATE", cancellationToken);
        var computed = await ComputeAsync(siteId, month, cancellationToken);
        var billed = await IssuedSourcesAsync(siteId, month, cancellationToken);
        var drafts = await db.Invoices.Include(i => i.Lines)
            .Where(i => i.SiteId == siteId && i.Year == month.Year && i.Month == month.Month && i.Status == InvoiceStatus.Draft)
            .ToDictionaryAsync(i => i.CompanyId, cancellationToken);
        var toBill = computed.Where(l => !billed.Contains((l.CompanyId, l.SourceKey))).ToLookup(l => l.CompanyId);
        int created = 0, updated = 0, unchanged = 0, removed = 0;
        foreach (var companyId in toBill.Select(g => g.Key).Union(drafts.Keys).ToList())
        {
            var lines = toBill[companyId].ToList();
            if (!drafts.TryGetValue(companyId, out var draft))
            {
                draft = Invoice.Draft(siteId, companyId, month);
                draft.Sync(lines);
                db.Invoices.Add(draft);
                created++;
            }
            else if (!draft.Sync(lines))
            {
                unchanged++;
            }
            else if (draft.IsEmpty)
            {
                db.Invoices.Remove(draft);
                removed++;
            }
            else
            {
                updated++;
            }
        }

        var result = new RunResult(created, updated, unchanged, removed);
        audit.Record("billing.run", "Site", siteId, siteId, null, new { month = month.ToString(), result.Created, result.Updated, result.Unchanged, result.Removed });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>What the month bills at the site from the records as they are: every stay held in it and every room's billable hours.</summary>
    public async Task<IReadOnlyList<ComputedLine>> ComputeAsync(int siteId, BillingMonth month, CancellationToken cancellationToken)
    {
        var (first, end) = (month.First, month.End);
        var stays = await (from a in db.Assignments.AsNoTracking()
                           where a.SiteId == siteId && a.Period.Start < end && (a.Period.End == null || a.Period.End > first)
                           join s in db.Spaces on a.SpaceId equals s.Id
                           select new { a.Id, a.CompanyId, s.Code, s.Kind, a.Period.Start, a.Period.End, a.Seats, a.MonthlyRent })
            .ToListAsync(cancellationToken);
        var uses = await roomUsage.MonthAsync(siteId, first, null, cancellationToken);
        var rooms = await (from r in db.RoomSettings.AsNoTracking()
                           join s in db.Spaces on r.SpaceId equals s.Id
                           where s.SiteId == siteId
                           select new { s.Id, s.Code, r.HourRate })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return MonthlyRun.Lines(month,
            stays.Select(s => new StayToBill(s.Id, s.CompanyId, s.Code, s.Kind, new DateRange(s.Start, s.End), s.Seats, s.MonthlyRent)),
            uses.Select(u => new RoomHoursToBill(u.CompanyId, u.SpaceId, rooms[u.SpaceId].Code, u.BillableMinutes, rooms[u.SpaceId].HourRate)),
            policy);
    }

    /// <summary>The (company, source) pairs of the month already on an issued invoice that no credit note cancelled.</summary>
    private async Task<HashSet<(int CompanyId, string SourceKey)>> IssuedSourcesAsync(int siteId, BillingMonth month, CancellationToken cancellationToken)
    {
        var rows = await (from l in db.InvoiceLines.AsNoTracking()
                          join i in db.Invoices on l.InvoiceId equals i.Id
                          where i.SiteId == siteId && i.Year == month.Year && i.Month == month.Month && i.Status == InvoiceStatus.Issued
                                && l.SourceKey != null && !db.CreditNotes.Any(c => c.InvoiceId == i.Id)
                          select new { i.CompanyId, l.SourceKey })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.CompanyId, r.SourceKey!))];
    }
}
