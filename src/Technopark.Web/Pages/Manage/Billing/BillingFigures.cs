using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

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
/// keeps its history); the network's figures are those of every site. One SQL statement for all sites and months, on the blocks
/// the database keeps (<see cref="BillingFacts"/>).
/// </summary>
public sealed class BillingFigures(TechnoparkDbContext db)
{
    public const int DefaultMonths = 12;

    /// <summary>The <paramref name="months"/> months ending with the month of <paramref name="asOf"/>, for one site or (null) every site.</summary>
    public async Task<BillingMonths> MonthsAsync(int? siteId, DateOnly asOf, CancellationToken cancellationToken, int months = DefaultMonths)
    {
        var window = Window(asOf, months);
        var rows = await FiguresAsync(siteId, window, asOf, cancellationToken);
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
    /// One statement on the blocks the database keeps (<see cref="BillingFacts"/>): per site, what was billed, collected and
    /// overdue up to the day before the window and up to each month's counted day (min(end of month, D)); a month's billed and
    /// collected are the differences between its counted day and the one before, its overdue the amount on its counted day.
    /// (A statement over the window's invoices, settlements, payments and coverings took 1.3 s at 1000×: README, "Billing
    /// benchmark".) The billing differential test compares the figures with its reference.
    /// </summary>
    private async Task<List<FigureRow>> FiguresAsync(int? siteId, List<BillingMonth> window, DateOnly asOf, CancellationToken cancellationToken)
    {
        var days = CountedDays(window, asOf);
        if (!BillingFacts.Covers(days[0], asOf))
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, "The billing blocks do not cover these days.");
        }

        var upTo = await db.Database.SqlQueryRaw<UpToRow>(BillingFacts.UpToSql(oneSite: siteId is not null), BillingFacts.UpToParameters(days, siteId))
            .ToListAsync(cancellationToken);
        var byPoint = upTo.ToDictionary(r => (r.SiteId, r.Day));
        UpToRow At(int site, DateOnly day) => byPoint.GetValueOrDefault((site, day)) ?? new UpToRow(site, day, 0, 0, 0);
        var rows = new List<FigureRow>();
        foreach (var site in upTo.Select(r => r.SiteId).Distinct())
        {
            for (var i = 0; i < window.Count; i++)
            {
                var (before, now) = (At(site, days[i]), At(site, days[i + 1]));
                var row = new FigureRow(site, window[i].First, now.Billed - before.Billed, now.Collected - before.Collected, now.Overdue);
                if (row is not { Billed: 0, Collected: 0, Overdue: 0 })
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    /// <summary>The <paramref name="months"/> months ending with the month of <paramref name="asOf"/>, oldest first.</summary>
    public static List<BillingMonth> Window(DateOnly asOf, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var last = BillingMonth.Of(asOf);
        return [.. Enumerable.Range(0, months).Select(i => BillingMonth.Of(last.First.AddMonths(i - months + 1)))];
    }

    /// <summary>The days the blocks are read at for <paramref name="window"/>: the day before it, then each month's counted day, min(end of month, D).</summary>
    public static DateOnly[] CountedDays(IReadOnlyList<BillingMonth> window, DateOnly asOf) =>
        [window[0].First.AddDays(-1), .. window.Select(m => m.End.AddDays(-1) < asOf ? m.End.AddDays(-1) : asOf)];

    /// <summary>What a site billed, collected and had overdue up to and on a day, from the blocks.</summary>
    private sealed record UpToRow(int SiteId, DateOnly Day, decimal Billed, decimal Collected, decimal Overdue);

    /// <summary>One site and month of the statement (columns in snake case, as the naming convention reads them).</summary>
    public sealed record FigureRow(int SiteId, DateOnly Month, decimal Billed, decimal Collected, decimal Overdue)
    {
        public MonthFigures Figures(BillingMonth month) => new(month, Billed, Collected, Overdue);
    }
}
