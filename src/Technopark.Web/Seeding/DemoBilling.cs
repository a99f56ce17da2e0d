using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo's billing (demo mode only). For every operational site, the 12 months before today's month are billed from the demo's
/// real stays and room bookings (<see cref="BillingRun.ComputeAsync"/>, the run's own arithmetic) and issued on the 1st of the
/// following month, numbered gapless per site and year (the counters are left at the last number given); today's month is left as
/// drafts, a run ready to issue. Payments: most invoices paid within the due date by transfer or cheque, some partly, a few over-paid
/// (a credit on the company's account), about one in five of those 30–120 days overdue left unpaid; one invoice per site credited with
/// a reason and billed again by a corrected invoice. At Tanger "Bab Bahr Robotics SARL" has paid invoices, last month's partly paid
/// and the one of three months ago overdue.
/// INVENTED: the services (which companies, "Domiciliation" 500.00, "Impression" 0.50 a page), who pays when and how, the
/// over-payments, the credit note's story and the payment references. The rents, seats and room hours are the demo's own.
/// Idempotent: a site that already has invoices gets none.
/// </summary>
public sealed class DemoBilling(TechnoparkDbContext db, BillingRun run, BillingPolicy policy, TimeProvider clock) : IDemoSeeder
{
    /// <summary>Who issued the demo invoices and recorded its payments.</summary>
    private const string DemoUser = "system";

    public const int MonthsBilled = 12;

    public const string CreditReason = "Domiciliation facturée par erreur : facture annulée et remplacée par une facture rectificative.";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var sites = await db.Sites.AsNoTracking().Where(s => s.Status == SiteStatus.Operational).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Slug, s.BillingCode }).ToListAsync(cancellationToken);
        foreach (var site in sites)
        {
            if (await db.Invoices.AnyAsync(i => i.SiteId == site.Id, cancellationToken))
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var companies = await db.Companies.AsNoTracking().Where(c => c.SiteId == site.Id)
                .ToDictionaryAsync(c => c.Id, c => new Party(c.LegalName, c.Ice, c.BillingAddress), cancellationToken);
            var babBahr = site.Slug == "tanger" ? companies.FirstOrDefault(c => c.Value.Name == DemoResidents.ResidentCompany).Key : 0;
            var random = new Random(9300 + site.Id);
            var current = BillingMonth.Of(today);
            var creditMonth = Months(current, -4);
            // Drafts first (the database refuses lines added to an issued invoice), each with the day it is issued.
            var plan = new List<(Invoice Invoice, DateOnly On)>();
            (Invoice Wrong, Invoice Corrected)? cancelled = null;
            for (var month = Months(current, -MonthsBilled); month < current; month = month.Next)
            {
                var lines = await run.ComputeAsync(site.Id, month, cancellationToken);
                var drafts = Drafts(site.Id, month, lines, companies, random, forceService: month == creditMonth ? babBahr : null).ToList();
                plan.AddRange(drafts.Select(d => (d, month.End)));
                // Four months ago a company was billed a domiciliation by mistake: its invoice is credited and billed again without it.
                if (month == creditMonth && drafts.FirstOrDefault(d => d.CompanyId != babBahr && d.Lines.Any(l => l.IsService)) is { } wrong)
                {
                    var corrected = Invoice.Draft(site.Id, wrong.CompanyId, month);
                    corrected.Sync([.. lines.Where(l => l.CompanyId == wrong.CompanyId)]);
                    if (corrected.TotalInclVat > 0)
                    {
                        plan.Add((corrected, month.End.AddDays(5)));
                        cancelled = (wrong, corrected);
                    }
                }
            }

            db.Invoices.AddRange(plan.Select(p => p.Invoice).Where(i => i != cancelled?.Corrected));
            db.Invoices.AddRange(Drafts(site.Id, current, await run.ComputeAsync(site.Id, current, cancellationToken), companies, random, null));
            await db.SaveChangesAsync(cancellationToken);

            var numbers = new Numbers(site.BillingCode, await CountersAsync(site.Id, cancellationToken));
            foreach (var (invoice, on) in plan)
            {
                if (invoice == cancelled?.Corrected)
                {
                    // A company has one draft a month: the corrected one is drafted once the wrong one is issued.
                    await db.SaveChangesAsync(cancellationToken);
                    db.Invoices.Add(invoice);
                    await db.SaveChangesAsync(cancellationToken);
                }

                var company = companies[invoice.CompanyId];
                invoice.Issue(numbers.Next(NumberSeries.Invoice, on.Year), on, policy, company.Name, company.Ice, company.Address, DemoUser,
                    SiteTime.Instant(on, 9 * 60, SkippedTime.MoveLater));
            }

            if (cancelled is var (wrongOne, correctedOne))
            {
                var on = correctedOne.IssuedOn!.Value;
                db.CreditNotes.Add(CreditNote.For(wrongOne, 0m, false, numbers.Next(NumberSeries.CreditNote, on.Year), on, CreditReason, DemoUser,
                    SiteTime.Instant(on, 8 * 60, SkippedTime.MoveLater)));
            }

            db.Payments.AddRange(Payments([.. plan.Select(p => p.Invoice).Where(i => i != cancelled?.Wrong)], babBahr, today, now, random));
            await db.SaveChangesAsync(cancellationToken);
            foreach (var ((year, series), last) in numbers.Last)
            {
                var name = series.ToString();
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO invoice_counters (site_id, year, series, last_number) VALUES ({site.Id}, {year}, {name}, {last})
                    ON CONFLICT (site_id, year, series) DO UPDATE SET last_number = {last}
                    """, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static BillingMonth Months(BillingMonth month, int count) => BillingMonth.Of(month.First.AddMonths(count));

    /// <summary>One draft per company billed in the month (names in order), with a few invented services.</summary>
    private IEnumerable<Invoice> Drafts(int siteId, BillingMonth month, IReadOnlyList<ComputedLine> lines, Dictionary<int, Party> companies, Random random,
        int? forceService)
    {
        var forced = false;
        foreach (var group in lines.GroupBy(l => l.CompanyId).OrderBy(g => companies[g.Key].Name, StringComparer.Ordinal).ThenBy(g => g.Key))
        {
            var draft = Invoice.Draft(siteId, group.Key, month);
            draft.Sync([.. group]);
            if (random.Next(0, 6) == 0 || (forceService is { } skip && group.Key != skip && !forced))
            {
                forced |= forceService is { } chosen && group.Key != chosen;
                draft.AddService("Domiciliation", 1m, 500m, policy);
            }

            if (random.Next(0, 8) == 0)
            {
                draft.AddService("Impression", random.Next(50, 400), 0.50m, policy);
            }

            if (draft.TotalInclVat > 0)
            {
                yield return draft;
            }
        }
    }

    /// <summary>
    /// Most invoices paid in full within the due date; a few over-paid; one in five of those 30–120 days overdue left unpaid, one in
    /// five partly paid; last month's invoices (not due yet) half paid already. The credited invoice is never paid.
    /// </summary>
    private static IEnumerable<Payment> Payments(List<Invoice> issued, int babBahr, DateOnly today, DateTimeOffset now, Random random)
    {
        var window = 0;
        foreach (var invoice in issued.OrderBy(i => i.IssuedOn).ThenBy(i => i.Sequence))
        {
            var due = invoice.DueOn!.Value;
            var late = today.DayNumber - due.DayNumber;
            var total = invoice.TotalInclVat;
            var lastMonth = BillingMonth.Of(today).Previous;
            var share = (invoice.CompanyId == babBahr) switch
            {
                true when invoice.BillingMonth == lastMonth => Money.Round(total * 0.4m), // partly paid, not due yet
                true when invoice.BillingMonth == lastMonth.Previous.Previous => 0m, // overdue
                true => total,
                false when late <= 0 => random.Next(0, 2) == 0 ? total : 0m,
                false when late is >= 30 and <= 120 => (window++ % 5) switch { 0 => 0m, 1 => Money.Round(total * random.Next(30, 71) / 100m), _ => total },
                _ => total,
            };
            if (share == 0)
            {
                continue;
            }

            var overpaid = share == total && random.Next(0, 25) == 0 ? random.Next(1, 6) * 100m : 0m;
            var latest = late <= 0 ? today : due;
            var receivedOn = invoice.IssuedOn!.Value.AddDays(random.Next(2, Math.Max(3, latest.DayNumber - invoice.IssuedOn!.Value.DayNumber + 1)));
            receivedOn = receivedOn > today ? today : receivedOn;
            var method = random.Next(0, 10) switch { < 6 => PaymentMethod.Transfer, < 9 => PaymentMethod.Cheque, _ => PaymentMethod.Card };
            var reference = method == PaymentMethod.Cheque ? $"CHQ {random.Next(1_000_000, 9_999_999)}" : $"VIR {invoice.Number}";
            yield return Payment.Record(invoice.SiteId, invoice.CompanyId, receivedOn, method, reference, share + overpaid,
                [(new OpenInvoice(invoice.Id, invoice.CompanyId, total), share)], today, DemoUser, now);
        }
    }

    private async Task<Dictionary<(int Year, NumberSeries Series), int>> CountersAsync(int siteId, CancellationToken cancellationToken) =>
        (await db.InvoiceCounters.AsNoTracking().Where(c => c.SiteId == siteId).ToListAsync(cancellationToken))
        .ToDictionary(c => (c.Year, c.Series), c => c.LastNumber);

    private sealed record Party(string Name, string? Ice, string? Address);

    /// <summary>The site's series: each number is the next of its series and year; <see cref="Last"/> is what the counters are left at.</summary>
    private sealed class Numbers(string code, Dictionary<(int Year, NumberSeries Series), int> last)
    {
        public IReadOnlyDictionary<(int Year, NumberSeries Series), int> Last => last;

        public InvoiceNumber Next(NumberSeries series, int year)
        {
            var next = last.GetValueOrDefault((year, series)) + 1;
            last[(year, series)] = next;
            return InvoiceNumber.Of(series, code, year, next);
        }
    }
}
