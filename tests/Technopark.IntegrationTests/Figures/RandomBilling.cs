using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Billing;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;

namespace Technopark.IntegrationTests.Figures;

/// <summary>An invoice as the reference reads it: issued (with its day, due day and total including VAT) or a draft.</summary>
public sealed record NetInvoice(long Id, int SiteId, int CompanyId, bool Issued, DateOnly? IssuedOn, DateOnly? DueOn, decimal Total);

public sealed record NetCreditNote(long InvoiceId, int SiteId, int CompanyId, DateOnly IssuedOn, decimal Total);

public sealed record NetPayment(long Id, int SiteId, int CompanyId, DateOnly ReceivedOn, decimal Amount);

public sealed record NetAllocation(long PaymentId, long InvoiceId, decimal Amount, DateOnly AppliedOn);

/// <summary>
/// Random billing over a <see cref="RandomNetwork"/>'s sites and companies, from the same seed: invoices issued on random days
/// of 2026–2027 (due 30 days later, random services and totals, gapless numbers per site and year), some left as drafts, some
/// cancelled by a credit note on a later day; payments on random days, covering part of an invoice, several invoices (oldest
/// first), more than what is open (a credit), or nothing yet, and credits used later on another day. Written through the domain
/// (<see cref="Invoice"/>, <see cref="CreditNote"/>, <see cref="Payment"/>) into the database with consistent counters;
/// <see cref="Days"/> are the days to check (due dates ±1, month ends and firsts, issue, credit and payment days, before anything).
/// </summary>
public sealed class RandomBilling
{
    public static readonly DateOnly First = new(2026, 1, 1);
    public static readonly DateOnly Last = new(2027, 6, 30);

    private readonly Random _random;
    private readonly RandomNetwork _network;

    private RandomBilling(RandomNetwork network)
    {
        _network = network;
        _random = new Random(network.Seed ^ 0x5EED);
    }

    public int Seed => _network.Seed;

    public IReadOnlyList<NetSite> Sites => _network.Sites;

    public List<NetInvoice> Invoices { get; } = [];

    public List<NetCreditNote> CreditNotes { get; } = [];

    public List<NetPayment> Payments { get; } = [];

    public List<NetAllocation> Allocations { get; } = [];

    public List<DateOnly> Days { get; } = [];

    /// <summary>Generates the billing of <paramref name="network"/> (already written) and writes it; <paramref name="dayCount"/> days to check.</summary>
    public static async Task<RandomBilling> WriteAsync(RandomNetwork network, string connectionString, string userId, int dayCount)
    {
        var billing = new RandomBilling(network);
        await billing.WriteAsync(connectionString, userId);
        billing.ChooseDays(dayCount);
        return billing;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private DateOnly Day(DateOnly from, DateOnly to) => from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    private async Task WriteAsync(string connectionString, string userId)
    {
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(connectionString);
        await using var db = new TechnoparkDbContext(options.Options);
        var policy = BillingPolicy.Default;

        // Invoices: drafted with services, then issued in the order of their days (the numbers of a site and year follow that order).
        var drafts = new List<(Invoice Invoice, DateOnly? IssueOn, bool CreditLater)>();
        foreach (var site in Sites.Where(_ => _random.Next(100) < 80))
        {
            var companies = _network.Companies.Where(c => c.SiteId == site.Id).OrderBy(_ => _random.Next()).Take(_random.Next(1, 6)).ToList();
            foreach (var company in companies)
            {
                var months = Enumerable.Range(0, 18).Select(i => BillingMonth.Of(First.AddMonths(i))).OrderBy(_ => _random.Next()).Take(_random.Next(1, 9)).ToList();
                foreach (var month in months)
                {
                    var invoice = Invoice.Draft(site.Id, company.Id, month);
                    for (var n = _random.Next(1, 4); n > 0; n--)
                    {
                        invoice.AddService($"Prestation {n}", _random.Next(1, 4), _random.Next(1, 500_000) / 100m, policy);
                    }

                    var draft = _random.Next(100) < 10;
                    var issueOn = draft ? (DateOnly?)null : Day(month.Next.First, month.Next.First.AddDays(20));
                    drafts.Add((invoice, issueOn is { } d && d <= Last ? d : null, _random.Next(100) < 15));
                }
            }
        }

        db.Invoices.AddRange(drafts.Select(d => d.Invoice)); // drafts first: the lines of an issued invoice are refused (trigger)
        await db.SaveChangesAsync();
        foreach (var group in drafts.Where(d => d.IssueOn is not null).OrderBy(d => d.IssueOn).GroupBy(d => (d.Invoice.SiteId, d.IssueOn!.Value.Year)))
        {
            var sequence = 0;
            foreach (var (invoice, issueOn, _) in group)
            {
                var company = _network.Companies.Single(c => c.Id == invoice.CompanyId);
                invoice.Issue(InvoiceNumber.Of(NumberSeries.Invoice, Code(invoice.SiteId), issueOn!.Value.Year, ++sequence), issueOn.Value, policy,
                    company.Name, null, null, userId, At(issueOn.Value));
            }

            await CounterAsync(db, group.Key.SiteId, group.Key.Year, NumberSeries.Invoice, sequence);
        }

        await db.SaveChangesAsync();
        Invoices.AddRange(drafts.Select(d => new NetInvoice(d.Invoice.Id, d.Invoice.SiteId, d.Invoice.CompanyId, d.Invoice.IsIssued, d.Invoice.IssuedOn,
            d.Invoice.DueOn, d.Invoice.TotalInclVat)));

        // Credit notes on a later day (never on an invoice that receives a payment: those are left out of the payments below).
        var credited = drafts.Where(d => d.IssueOn is not null && d.CreditLater)
            .Select(d => (d.Invoice, On: Min(d.IssueOn!.Value.AddDays(_random.Next(0, 120)), new DateOnly(d.IssueOn!.Value.Year, 12, 31))))
            .ToList();
        foreach (var group in credited.OrderBy(c => c.On).GroupBy(c => (c.Invoice.SiteId, c.On.Year)))
        {
            var sequence = 0;
            foreach (var (invoice, on) in group)
            {
                var note = CreditNote.For(invoice, 0, false, InvoiceNumber.Of(NumberSeries.CreditNote, Code(invoice.SiteId), on.Year, ++sequence), on,
                    "Erreur de facturation", userId, At(on));
                db.CreditNotes.Add(note);
                CreditNotes.Add(new NetCreditNote(invoice.Id, invoice.SiteId, invoice.CompanyId, on, note.TotalInclVat));
            }

            await CounterAsync(db, group.Key.SiteId, group.Key.Year, NumberSeries.CreditNote, sequence);
        }

        // Payments and credits used later, in the order of their days, each against what is open on its day.
        var payable = drafts.Where(d => d.IssueOn is not null && !d.CreditLater).Select(d => d.Invoice).ToList();
        var open = payable.ToDictionary(i => i.Id, i => i.TotalInclVat);
        var pending = new List<(DateOnly Day, int Order, int CompanyId, int SiteId, Payment? Payment)>();
        foreach (var company in payable.Select(i => (i.CompanyId, i.SiteId)).Distinct().OrderBy(c => c.CompanyId))
        {
            for (var n = _random.Next(0, 7); n > 0; n--)
            {
                pending.Add((Day(First, Last), pending.Count, company.CompanyId, company.SiteId, null));
            }
        }

        var payments = new List<Payment>();
        var order = pending.Count;
        while (pending.Count > 0)
        {
            var next = pending.MinBy(e => (e.Day, e.Order));
            pending.Remove(next);
            var (day, i, companyId, siteId, earlier) = next;
            var candidates = payable.Where(inv => inv.CompanyId == companyId && inv.IssuedOn <= day && open[inv.Id] > 0).OrderBy(inv => inv.IssuedOn).ThenBy(inv => inv.Id).ToList();
            if (earlier is { } payment)
            {
                // A credit used: what is left of the payment, on the oldest open invoices of that day.
                foreach (var invoice in candidates.TakeWhile(_ => payment.Unallocated > 0))
                {
                    var share = Math.Min(payment.Unallocated, open[invoice.Id]);
                    payment.UseCredit(new OpenInvoice(invoice.Id, companyId, open[invoice.Id]), share, day);
                    open[invoice.Id] -= share;
                }

                continue;
            }

            var due = candidates.Sum(inv => open[inv.Id]);
            var amount = _random.Next(4) switch
            {
                0 when due > 0 => Math.Max(0.01m, Math.Round(due * _random.Next(5, 95) / 100m, 2)), // part of what is open
                1 when due > 0 => due, // everything open
                2 => due + (_random.Next(1, 2_000_000) / 100m), // more than is open: a credit
                _ => candidates.Count > 0 ? open[candidates[0].Id] : _random.Next(1, 500_000) / 100m, // the oldest invoice, or an advance
            };
            var shares = new List<(OpenInvoice, decimal)>();
            var left = amount;
            foreach (var invoice in candidates.TakeWhile(_ => left > 0))
            {
                var share = Math.Min(left, open[invoice.Id]);
                shares.Add((new OpenInvoice(invoice.Id, companyId, open[invoice.Id]), share));
                open[invoice.Id] -= share;
                left -= share;
            }

            var recorded = Payment.Record(siteId, companyId, day, (PaymentMethod)_random.Next(4), $"REF-{i}", amount, shares, day, userId, At(day));
            payments.Add(recorded);
            if (recorded.Unallocated > 0 && _random.Next(100) < 60 && day.AddDays(_random.Next(1, 150)) is var later && later <= Last)
            {
                pending.Add((later, order++, companyId, siteId, recorded));
            }
        }

        db.Payments.AddRange(payments);
        await db.SaveChangesAsync();
        foreach (var payment in payments)
        {
            Payments.Add(new NetPayment(payment.Id, payment.SiteId, payment.CompanyId, payment.ReceivedOn, payment.Amount));
            Allocations.AddRange(payment.Allocations.Select(a => new NetAllocation(payment.Id, a.InvoiceId, a.Amount, a.AppliedOn)));
        }
    }

    /// <summary>A series code of its own per site (the generated sites have none), so that numbers never collide.</summary>
    private static string Code(int siteId) => $"S{siteId}";

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static async Task CounterAsync(TechnoparkDbContext db, int siteId, int year, NumberSeries series, int last)
    {
        await using var command = new NpgsqlCommand("INSERT INTO invoice_counters (site_id, year, series, last_number) VALUES (@site, @year, @series, @last)",
            (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddWithValue("site", siteId);
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("series", series.ToString());
        command.Parameters.AddWithValue("last", last);
        await db.Database.OpenConnectionAsync();
        await command.ExecuteNonQueryAsync();
    }

    private void ChooseDays(int count)
    {
        var candidates = new List<DateOnly>();
        foreach (var invoice in Invoices.Where(i => i.Issued))
        {
            candidates.AddRange([invoice.IssuedOn!.Value, invoice.IssuedOn.Value.AddDays(-1), invoice.DueOn!.Value, invoice.DueOn.Value.AddDays(1), invoice.DueOn.Value.AddDays(-1),
                invoice.DueOn.Value.AddDays(30), invoice.DueOn.Value.AddDays(31), invoice.DueOn.Value.AddDays(90), invoice.DueOn.Value.AddDays(91)]);
        }

        candidates.AddRange(CreditNotes.SelectMany(c => new[] { c.IssuedOn, c.IssuedOn.AddDays(-1) }));
        candidates.AddRange(Payments.SelectMany(p => new[] { p.ReceivedOn, p.ReceivedOn.AddDays(-1) }));
        candidates.AddRange(Allocations.Select(a => a.AppliedOn));
        for (var month = First.AddMonths(-1); month <= Last.AddMonths(6); month = month.AddMonths(1))
        {
            candidates.AddRange([month, month.AddDays(-1)]); // month firsts and ends
        }

        var pool = candidates.Distinct().OrderBy(_ => _random.Next()).ToList();
        var days = pool.Take(count - 3).ToHashSet();
        days.Add(First.AddDays(-40)); // before any invoice
        days.Add(Invoices.Where(i => i.Issued).Select(i => i.IssuedOn!.Value).DefaultIfEmpty(First).Min().AddDays(-1));
        while (days.Count < count)
        {
            days.Add(Day(First.AddMonths(-2), Last.AddMonths(8)));
        }

        Days.AddRange(days.Order());
    }
}
