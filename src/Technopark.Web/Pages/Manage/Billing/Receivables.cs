using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>An issued invoice as it stands on a day (<see cref="Aging"/>: what credit notes and payments cover by then).</summary>
public sealed class InvoiceOnDay
{
    public long InvoiceId { get; init; }

    public int SiteId { get; init; }

    public int CompanyId { get; init; }

    public string Number { get; init; } = string.Empty;

    public DateOnly IssuedOn { get; init; }

    public DateOnly DueOn { get; init; }

    public decimal Total { get; init; }

    public decimal Credited { get; init; }

    public decimal Paid { get; init; }

    public decimal Open => Aging.Open(Total, Credited, Paid);
}

/// <summary>Open amounts in the columns of the aged receivables report, for a site or a company.</summary>
public sealed record AgingRow(int SiteId, int? CompanyId, decimal NotDue, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90)
{
    public decimal Overdue => Days1To30 + Days31To60 + Days61To90 + Over90;

    public decimal Total => NotDue + Overdue;

    public decimal this[AgingBucket bucket] => bucket switch
    {
        AgingBucket.NotDue => NotDue,
        AgingBucket.Days1To30 => Days1To30,
        AgingBucket.Days31To60 => Days31To60,
        AgingBucket.Days61To90 => Days61To90,
        _ => Over90,
    };
}

/// <summary>
/// What companies owe on any day, computed in the database from issued invoices, credit notes and payment allocations (one
/// statement, so that the network's report stays fast): the one source of open and overdue amounts for the sites' pages, HQ and
/// the reminders.
/// </summary>
public sealed class Receivables(TechnoparkDbContext db)
{
    /// <summary>The issued invoices of the site (all sites when null) on <paramref name="asOf"/>, each with what is credited and paid by then.</summary>
    public IQueryable<InvoiceOnDay> OnDay(int? siteId, DateOnly asOf) =>
        from i in db.Invoices.AsNoTracking()
        where i.Status == InvoiceStatus.Issued && i.IssuedOn <= asOf && (siteId == null || i.SiteId == siteId)
        select new InvoiceOnDay
        {
            InvoiceId = i.Id,
            SiteId = i.SiteId,
            CompanyId = i.CompanyId,
            Number = i.Number!,
            IssuedOn = i.IssuedOn!.Value,
            DueOn = i.DueOn!.Value,
            Total = i.TotalInclVat,
            Credited = db.CreditNotes.Where(c => c.InvoiceId == i.Id && c.IssuedOn <= asOf).Sum(c => (decimal?)c.TotalInclVat) ?? 0,
            Paid = db.PaymentAllocations.Where(a => a.InvoiceId == i.Id && a.AppliedOn <= asOf).Sum(a => (decimal?)a.Amount) ?? 0,
        };

    /// <summary>
    /// The invoices with something still open on <paramref name="asOf"/>. Only those not settled by then are looked at (<see cref="InvoiceSettlement"/>,
    /// kept by the database): the network's aging reads the invoices open on the day, not the million settled before it.
    /// </summary>
    public IQueryable<InvoiceOnDay> OpenOnDay(int? siteId, DateOnly asOf) =>
        from s in db.InvoiceSettlements.AsNoTracking()
        where (s.SettledOn == null || s.SettledOn > asOf) && (siteId == null || s.SiteId == siteId)
        join i in OnDay(siteId, asOf) on s.InvoiceId equals i.InvoiceId
        where i.Total - i.Credited - i.Paid > 0
        select i;

    /// <summary>
    /// The aged receivables on <paramref name="asOf"/> per site (all sites when null), or per company of the site when <paramref name="byCompany"/>.
    /// One statement over the invoices not settled by the day (<see cref="InvoiceSettlement"/> carries what it needs), each one's open
    /// amount computed once (<see cref="Aging.Open"/>: credit notes issued and shares applied by then, summed only for the invoices
    /// something covered by then, <see cref="InvoiceSettlement.FirstCoveredOn"/>: the others owe their total), bucketed by its due date
    /// (<see cref="Aging.BucketOf"/>: due on or after the day, then the last day of each bucket, <see cref="Aging.BucketEnds"/>).
    /// </summary>
    public async Task<IReadOnlyList<AgingRow>> AgingAsync(int? siteId, DateOnly asOf, bool byCompany, CancellationToken cancellationToken)
    {
        var (d30, d60, d90) = (asOf.AddDays(-Aging.BucketEnds[0]), asOf.AddDays(-Aging.BucketEnds[1]), asOf.AddDays(-Aging.BucketEnds[2]));
        var sums = await db.Database.SqlQuery<AgingSum>($"""
            WITH open AS MATERIALIZED (
                SELECT s.site_id, s.company_id, s.due_on,
                       s.total - CASE WHEN s.first_covered_on <= {asOf} THEN
                           coalesce((SELECT sum(c.total_incl_vat) FROM credit_notes c WHERE c.invoice_id = s.invoice_id AND c.issued_on <= {asOf}), 0)
                           + coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.invoice_id = s.invoice_id AND a.applied_on <= {asOf}), 0)
                           ELSE 0 END AS open
                FROM invoice_settlements s
                WHERE (s.settled_on IS NULL OR s.settled_on > {asOf}) AND s.issued_on <= {asOf} AND ({siteId}::int IS NULL OR s.site_id = {siteId})
            )
            SELECT site_id, CASE WHEN {byCompany} THEN company_id ELSE 0 END AS company_id,
                   CASE WHEN due_on >= {asOf} THEN {(int)AgingBucket.NotDue} WHEN due_on >= {d30} THEN {(int)AgingBucket.Days1To30}
                        WHEN due_on >= {d60} THEN {(int)AgingBucket.Days31To60} WHEN due_on >= {d90} THEN {(int)AgingBucket.Days61To90}
                        ELSE {(int)AgingBucket.Over90} END AS bucket,
                   sum(open) AS open
            FROM open
            WHERE open > 0
            GROUP BY 1, 2, 3
            """).ToListAsync(cancellationToken);
        return [.. sums.GroupBy(s => (s.SiteId, s.CompanyId)).Select(g =>
        {
            decimal Of(AgingBucket bucket) => g.Where(s => s.Bucket == (int)bucket).Sum(s => s.Open);
            return new AgingRow(g.Key.SiteId, byCompany ? g.Key.CompanyId : null, Of(AgingBucket.NotDue), Of(AgingBucket.Days1To30),
                Of(AgingBucket.Days31To60), Of(AgingBucket.Days61To90), Of(AgingBucket.Over90));
        }).OrderBy(r => r.SiteId).ThenBy(r => r.CompanyId)];
    }

    /// <summary>One site (and company), bucket and open sum of the aging statement (snake-case columns).</summary>
    public sealed record AgingSum(int SiteId, int CompanyId, int Bucket, decimal Open);

    /// <summary>Each company's credit on <paramref name="asOf"/>: what its payments received by then do not cover yet (over-payments).</summary>
    public async Task<IReadOnlyDictionary<int, decimal>> CreditsAsync(int? siteId, DateOnly asOf, CancellationToken cancellationToken) =>
        (await (from p in db.Payments.AsNoTracking()
                where p.ReceivedOn <= asOf && (siteId == null || p.SiteId == siteId)
                group new { p.Amount, Used = db.PaymentAllocations.Where(a => a.PaymentId == p.Id && a.AppliedOn <= asOf).Sum(a => (decimal?)a.Amount) ?? 0 }
                    by p.CompanyId into g
                select new { CompanyId = g.Key, Credit = g.Sum(x => x.Amount - x.Used) })
            .Where(c => c.Credit > 0)
            .ToListAsync(cancellationToken))
        .ToDictionary(c => c.CompanyId, c => c.Credit);
}
