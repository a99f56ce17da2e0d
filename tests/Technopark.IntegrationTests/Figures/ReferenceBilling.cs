namespace Technopark.IntegrationTests.Figures;

/// <summary>A site's (or the network's) figures of one month as the reference computes them.</summary>
public sealed record RefBillingMonth(string Month, decimal Billed, decimal Collected, decimal Overdue);

/// <summary>Open amounts per aging column: not due, 1–30, 31–60, 61–90, over 90 days past the due date.</summary>
public sealed record RefAging(decimal NotDue, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90)
{
    public decimal Overdue => Days1To30 + Days31To60 + Days61To90 + Over90;
}

/// <summary>
/// The billing figures computed the plain way from the generated records (<see cref="RandomBilling"/>), written from the
/// definitions on the pages and in <c>Aging</c>'s summary, without the app's queries:
/// an issued invoice is open on day D (issued on or before D) for its total, less the credit notes issued and the payments
/// applied on or before D; it is overdue from the day after its due date, by the days since then (1–30, 31–60, 61–90, over 90).
/// Billed in month M as of D: invoices issued in M by D less credit notes issued in M by D. Collected: payments received in M by
/// D, whole. Overdue: the overdue open amounts on min(last day of M, D). Credit of a company on D: its payments received by D
/// less their allocations applied by D. Listed sites: operational ones, and those with an invoice, credit note or payment by D.
/// </summary>
public sealed class ReferenceBilling(RandomBilling billing)
{
    public static IReadOnlyList<DateOnly> MonthFirsts(DateOnly asOf) =>
        [.. Enumerable.Range(0, 12).Select(i => new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(i - 11))];

    public static string Month(DateOnly first) => $"{first.Year:D4}-{first.Month:D2}";

    /// <summary>The sites listed on <paramref name="asOf"/>, by slug.</summary>
    public IReadOnlyList<NetSite> Listed(DateOnly asOf) =>
        [.. billing.Sites.Where(s => s.Status == "Operational"
            || billing.Invoices.Any(i => i.SiteId == s.Id && i.Issued && i.IssuedOn <= asOf)
            || billing.CreditNotes.Any(c => c.SiteId == s.Id && c.IssuedOn <= asOf)
            || billing.Payments.Any(p => p.SiteId == s.Id && p.ReceivedOn <= asOf))
            .OrderBy(s => s.Slug, StringComparer.Ordinal)];

    /// <summary>The 12 months ending with the month of <paramref name="asOf"/>, oldest first, of one site or (null) the network.</summary>
    public IReadOnlyList<RefBillingMonth> Months(int? siteId, DateOnly asOf) =>
        [.. MonthFirsts(asOf).Select(first =>
        {
            var end = first.AddMonths(1);
            bool InMonth(DateOnly day) => day >= first && day < end && day <= asOf;
            var billed = billing.Invoices.Where(i => i.Issued && (siteId == null || i.SiteId == siteId) && InMonth(i.IssuedOn!.Value)).Sum(i => i.Total)
                - billing.CreditNotes.Where(c => (siteId == null || c.SiteId == siteId) && InMonth(c.IssuedOn)).Sum(c => c.Total);
            var collected = billing.Payments.Where(p => (siteId == null || p.SiteId == siteId) && InMonth(p.ReceivedOn)).Sum(p => p.Amount);
            var counted = end.AddDays(-1) < asOf ? end.AddDays(-1) : asOf;
            var overdue = Aging(siteId, null, counted).Overdue;
            return new RefBillingMonth(Month(first), billed, collected, overdue);
        })];

    /// <summary>The aged open amounts of a site (or the network) and of one company (or all) on <paramref name="asOf"/>.</summary>
    public RefAging Aging(int? siteId, int? companyId, DateOnly asOf)
    {
        var columns = new decimal[5];
        foreach (var invoice in billing.Invoices.Where(i => i.Issued && i.IssuedOn <= asOf && (siteId == null || i.SiteId == siteId)
            && (companyId == null || i.CompanyId == companyId)))
        {
            var open = invoice.Total
                - billing.CreditNotes.Where(c => c.InvoiceId == invoice.Id && c.IssuedOn <= asOf).Sum(c => c.Total)
                - billing.Allocations.Where(a => a.InvoiceId == invoice.Id && a.AppliedOn <= asOf).Sum(a => a.Amount);
            if (open <= 0)
            {
                continue;
            }

            var late = asOf.DayNumber - invoice.DueOn!.Value.DayNumber; // due on D: not late yet; the day after: 1 day late
            var column = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
            columns[column] += open;
        }

        return new RefAging(columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    /// <summary>The companies with an open amount on the day (of one site or all).</summary>
    public IReadOnlyList<int> CompaniesOwing(int? siteId, DateOnly asOf) =>
        [.. billing.Invoices.Where(i => i.Issued && (siteId == null || i.SiteId == siteId)).Select(i => i.CompanyId).Distinct()
            .Where(c => Aging(siteId, c, asOf) is { } a && a.NotDue + a.Overdue > 0).Order()];

    /// <summary>Each company's credit on the day: payments received by then less what of them is applied by then (above zero only).</summary>
    public IReadOnlyDictionary<int, decimal> Credits(int? siteId, DateOnly asOf) =>
        billing.Payments.Where(p => p.ReceivedOn <= asOf && (siteId == null || p.SiteId == siteId))
            .GroupBy(p => p.CompanyId)
            .Select(g => (Company: g.Key, Credit: g.Sum(p => p.Amount - billing.Allocations.Where(a => a.PaymentId == p.Id && a.AppliedOn <= asOf).Sum(a => a.Amount))))
            .Where(c => c.Credit > 0)
            .ToDictionary(c => c.Company, c => c.Credit);
}
