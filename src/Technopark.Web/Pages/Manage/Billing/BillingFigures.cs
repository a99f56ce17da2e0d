using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>What a site billed, collected and had overdue in a month, as of a day (the definitions: <see cref="BillingFigures"/>).</summary>
public sealed record MonthFigures(BillingMonth Month, decimal Billed, decimal Collected, decimal Overdue)
{
    public static MonthFigures Zero(BillingMonth month) => new(month, 0, 0, 0);

    public MonthFigures Plus(MonthFigures other) => new(Month, Billed + other.Billed, Collected + other.Collected, Overdue + other.Overdue);
}

/// <summary>A site listed in the billing figures and its months, oldest first.</summary>
public sealed record SiteBilling(int SiteId, string Slug, string Name, SiteStatus Status, IReadOnlyList<MonthFigures> Months)
{
    public MonthFigures Last => Months[^1];
}

/// <summary>The figures of the months ending with the month of <see cref="AsOf"/>: per site, and for the network (every site).</summary>
public sealed record BillingMonths(DateOnly AsOf, IReadOnlyList<BillingMonth> Months, IReadOnlyList<SiteBilling> Sites, IReadOnlyList<MonthFigures> Network);

/// <summary>
/// Billed, collected and overdue per site and month, as of a day D — the one source of the site's summary and of HQ's
/// billing page, so that both show the same figures by construction:
/// <list type="bullet">
/// <item><b>Billed</b> in month M: the totals including VAT of the invoices issued in M (on or before D), less those of the credit
/// notes issued in M (on or before D).</item>
/// <item><b>Collected</b> in M: the full amounts of the payments received in M (on or before D), allocated or not (what is not
/// allocated is the company's credit, collected all the same).</item>
/// <item><b>Overdue</b> at the end of M: on the day min(last day of M, D), what is open on the invoices past their due date — the
/// Overdue of <see cref="Receivables.AgingAsync"/> on that day (<see cref="Aging"/>: total, less credit notes and payments applied
/// by then).</item>
/// </list>
/// A site is listed when it is operational, or when it issued an invoice or credit note or received a payment by D (a closed site
/// keeps its history); the network's figures are those of every site. One SQL statement for all sites and months.
/// </summary>
public sealed class BillingFigures(TechnoparkDbContext db)
{
    public const int DefaultMonths = 12;

    /// <summary>The <paramref name="months"/> months ending with the month of <paramref name="asOf"/>, for one site or (null) every site.</summary>
    public async Task<BillingMonths> MonthsAsync(int? siteId, DateOnly asOf, CancellationToken cancellationToken, int months = DefaultMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var last = BillingMonth.Of(asOf);
        var window = Enumerable.Range(0, months).Select(i => BillingMonth.Of(last.First.AddMonths(i - months + 1))).ToList();
        var rows = await FiguresAsync(siteId, window[0].First, asOf, cancellationToken);
        var sites = await db.Sites.AsNoTracking()
            .Where(s => siteId == null || s.Id == siteId)
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Name,
                s.Status,
                Billing = db.Invoices.Any(i => i.SiteId == s.Id && i.Status == InvoiceStatus.Issued && i.IssuedOn <= asOf)
                    || db.CreditNotes.Any(c => c.SiteId == s.Id && c.IssuedOn <= asOf)
                    || db.Payments.Any(p => p.SiteId == s.Id && p.ReceivedOn <= asOf),
            })
            .ToListAsync(cancellationToken);
        var bySite = rows.ToLookup(r => r.SiteId);
        var listed = sites.Where(s => siteId != null || s.Status == SiteStatus.Operational || s.Billing || bySite.Contains(s.Id))
            .Select(s => new SiteBilling(s.Id, s.Slug, s.Name, s.Status, Fill(window, bySite[s.Id])))
            .ToList();
        var network = window.Select(m => rows.Where(r => r.Month == m.First).Aggregate(MonthFigures.Zero(m), (sum, r) => sum.Plus(r.Figures(m)))).ToList();
        return new BillingMonths(asOf, window, listed, network);
    }

    private static List<MonthFigures> Fill(List<BillingMonth> window, IEnumerable<FigureRow> rows)
    {
        var byMonth = rows.ToDictionary(r => r.Month);
        return [.. window.Select(m => byMonth.TryGetValue(m.First, out var row) ? row.Figures(m) : MonthFigures.Zero(m))];
    }

    /// <summary>
    /// One statement. Billed and collected: each source summed by site and month of issue / receipt before they are put together.
    /// Overdue per site on each month's counted day (min(end of month, D)): each invoice due before D and not settled by the day
    /// after its due day (<see cref="InvoiceSettlement"/>) on the run of months whose counted day is after its due day and before its
    /// settled day (the months are consecutive: counted days only grow), and on each of them what its credit notes and payment shares
    /// covered by then — the running total of its covering amounts by day, the one step in force on the counted day joined by hash —,
    /// as <see cref="Receivables.OnDay"/> reads an invoice on a day and <see cref="Receivables.AgingAsync"/> buckets it (open above
    /// zero, due before the day). At 100× (a million invoices) the former shape, every settlement against every month and the
    /// coverings grouped per invoice and month, took 3–5 s (README, "Billing benchmark").
    /// </summary>
    private Task<List<FigureRow>> FiguresAsync(int? siteId, DateOnly first, DateOnly asOf, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<FigureRow>($"""
            WITH late AS MATERIALIZED (
                SELECT st.invoice_id, st.site_id, st.total, m.month::date AS month, least((m.month + interval '1 month')::date - 1, {asOf}) AS counted
                FROM invoice_settlements st
                -- Months whose counted day is after the due day: from the month of the day after it. Before the settled day: up to
                -- the month before the settled day's month (that month ends on or after it), else up to D's month.
                CROSS JOIN LATERAL generate_series(
                    greatest(date_trunc('month', (st.due_on + 1)::timestamp), {first}::timestamp),
                    CASE WHEN st.settled_on IS NULL OR st.settled_on > {asOf} THEN date_trunc('month', {asOf}::timestamp)
                         ELSE date_trunc('month', st.settled_on::timestamp) - interval '1 month' END,
                    interval '1 month') AS m(month)
                -- Invoices settled by the day after their due day were never overdue on a counted day: left out before their months.
                WHERE st.due_on < {asOf} AND (st.settled_on IS NULL OR st.settled_on > st.due_on + 1)
                    AND ({siteId}::int IS NULL OR st.site_id = {siteId})
            ),
            late_invoices AS MATERIALIZED (SELECT DISTINCT invoice_id FROM late), -- once, for both kinds of covering
            steps AS (
                SELECT invoice_id, on_day, sum(sum(amount)) OVER (PARTITION BY invoice_id ORDER BY on_day) AS covered,
                       lead(on_day) OVER (PARTITION BY invoice_id ORDER BY on_day) AS next_day
                FROM (
                    SELECT a.invoice_id, a.applied_on AS on_day, a.amount FROM payment_allocations a WHERE a.invoice_id IN (SELECT invoice_id FROM late_invoices)
                    UNION ALL
                    SELECT c.invoice_id, c.issued_on, c.total_incl_vat FROM credit_notes c WHERE c.invoice_id IN (SELECT invoice_id FROM late_invoices)
                ) coverings
                GROUP BY invoice_id, on_day
            ),
            overdue AS (
                SELECT late.site_id, late.month, sum(late.total - coalesce(s.covered, 0)) AS open
                FROM late
                LEFT JOIN steps s ON s.invoice_id = late.invoice_id AND s.on_day <= late.counted AND (s.next_day IS NULL OR s.next_day > late.counted)
                WHERE late.total - coalesce(s.covered, 0) > 0
                GROUP BY late.site_id, late.month
            ),
            figures AS (
                SELECT site_id, date_trunc('month', issued_on::timestamp)::date AS month, sum(total_incl_vat) AS billed, 0::numeric AS collected, 0::numeric AS overdue
                FROM invoices
                WHERE status = 'Issued' AND issued_on BETWEEN {first} AND {asOf} AND ({siteId}::int IS NULL OR site_id = {siteId})
                GROUP BY 1, 2
                UNION ALL
                SELECT site_id, date_trunc('month', issued_on::timestamp)::date, -sum(total_incl_vat), 0, 0
                FROM credit_notes
                WHERE issued_on BETWEEN {first} AND {asOf} AND ({siteId}::int IS NULL OR site_id = {siteId})
                GROUP BY 1, 2
                UNION ALL
                SELECT site_id, date_trunc('month', received_on::timestamp)::date, 0, sum(amount), 0
                FROM payments
                WHERE received_on BETWEEN {first} AND {asOf} AND ({siteId}::int IS NULL OR site_id = {siteId})
                GROUP BY 1, 2
                UNION ALL
                SELECT site_id, month, 0, 0, open FROM overdue
            )
            SELECT site_id, month, sum(billed) AS billed, sum(collected) AS collected, sum(overdue) AS overdue
            FROM figures
            GROUP BY site_id, month
            """).ToListAsync(cancellationToken);

    /// <summary>One site and month of the statement (columns in snake case, as the naming convention reads them).</summary>
    public sealed record FigureRow(int SiteId, DateOnly Month, decimal Billed, decimal Collected, decimal Overdue)
    {
        public MonthFigures Figures(BillingMonth month) => new(month, Billed, Collected, Overdue);
    }
}
