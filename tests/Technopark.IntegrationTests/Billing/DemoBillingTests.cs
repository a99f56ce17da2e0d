using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Billing;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage.Billing;
using Technopark.Web.Seeding;

namespace Technopark.IntegrationTests.Billing;

/// <summary>The demo's billing: a year of issued invoices per operational site, gapless, paid as a user would expect; seeded once.</summary>
public class DemoBillingTests(DemoAppFixture app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Seed_EveryOperationalSite_TwelveMonthsIssuedGaplessWithConsistentPaymentsACreditNoteAndDraftsForTheMonth()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var services = app.Factory.Services; // the app starts and seeds the demo (wall clock: today's site day)
        output.WriteLine($"App started with the whole demo seeded in {started.Elapsed}");
        var today = Domain.Common.SiteTime.DayOf(app.Factory.Clock.GetUtcNow());
        var current = BillingMonth.Of(today);
        await using var db = app.Database.CreateContext();
        var sites = await db.Sites.AsNoTracking().Where(s => s.Status == SiteStatus.Operational).Select(s => new { s.Id, s.Slug, s.BillingCode }).ToListAsync();
        var invoices = await db.Invoices.AsNoTracking().ToListAsync();
        var notes = await db.CreditNotes.AsNoTracking().ToListAsync();
        var payments = await db.Payments.AsNoTracking().Include(p => p.Allocations).ToListAsync();
        var allocations = payments.SelectMany(p => p.Allocations).ToList();
        var counters = await db.InvoiceCounters.AsNoTracking().ToListAsync();
        Assert.NotEmpty(sites);

        foreach (var site in sites)
        {
            var issued = invoices.Where(i => i.SiteId == site.Id && i.IsIssued).ToList();
            var months = Enumerable.Range(1, DemoBilling.MonthsBilled).Select(k => BillingMonth.Of(current.First.AddMonths(-k))).Order();
            Assert.Equal(months, issued.Select(i => i.BillingMonth).Distinct().Order());
            Assert.All(issued, i => Assert.True(i.IssuedOn >= i.BillingMonth.End && i.IssuedOn <= today && i.DueOn == i.IssuedOn!.Value.AddDays(30)));
            Assert.Contains(invoices, i => i.SiteId == site.Id && !i.IsIssued && i.BillingMonth == current);
            Assert.DoesNotContain(invoices, i => i.SiteId == site.Id && !i.IsIssued && i.BillingMonth != current);
            foreach (var year in issued.GroupBy(i => i.NumberYear!.Value))
            {
                var inOrder = year.OrderBy(i => i.Sequence).ToList();
                Assert.Equal(Enumerable.Range(1, inOrder.Count), inOrder.Select(i => i.Sequence!.Value));
                Assert.Equal(inOrder.Select(i => InvoiceNumber.Of(NumberSeries.Invoice, site.BillingCode, year.Key, i.Sequence!.Value).Text), inOrder.Select(i => i.Number));
                Assert.Equal(inOrder.Select(i => i.IssuedOn), inOrder.Select(i => i.IssuedOn).Order()); // numbers follow the days of issue
                Assert.Equal(inOrder.Count, counters.Single(c => c.SiteId == site.Id && c.Year == year.Key && c.Series == NumberSeries.Invoice).LastNumber);
            }

            var note = Assert.Single(notes, n => n.SiteId == site.Id);
            var cancelled = issued.Single(i => i.Id == note.InvoiceId);
            Assert.Equal((DemoBilling.CreditReason, 1, cancelled.TotalInclVat), (note.Reason, note.Sequence, note.TotalInclVat));
            Assert.Equal(1, counters.Single(c => c.SiteId == site.Id && c.Year == note.NumberYear && c.Series == NumberSeries.CreditNote).LastNumber);
            Assert.DoesNotContain(allocations, a => a.InvoiceId == cancelled.Id);
            var corrected = Assert.Single(issued, i => i.CompanyId == cancelled.CompanyId && i.BillingMonth == cancelled.BillingMonth && i.Id != cancelled.Id);
            Assert.Equal(note.IssuedOn, corrected.IssuedOn);
            Assert.True(corrected.TotalInclVat < cancelled.TotalInclVat);
        }

        // Payments: received by today, never more on an invoice than its total, never more allocated than received, only issued invoices.
        var byId = invoices.ToDictionary(i => i.Id);
        Assert.All(payments, p => Assert.True(p.ReceivedOn <= today && p.Allocations.Sum(a => a.Amount) <= p.Amount));
        Assert.All(allocations.GroupBy(a => a.InvoiceId), g => Assert.True(byId[g.Key].IsIssued && g.Sum(a => a.Amount) <= byId[g.Key].TotalInclVat));
        Assert.All(allocations, a => Assert.True(a.AppliedOn >= byId[a.InvoiceId].IssuedOn));
        Assert.True(payments.Count > invoices.Count(i => i.IsIssued) / 2);
        Assert.Contains(payments, p => p.Method == PaymentMethod.Transfer);
        Assert.Contains(payments, p => p.Method == PaymentMethod.Cheque);

        await using var scope = services.CreateAsyncScope();
        var receivables = scope.ServiceProvider.GetRequiredService<Receivables>();
        var open = await receivables.OpenOnDay(null, today).ToListAsync();
        var overdue = open.Where(i => i.DueOn < today).ToList();
        Assert.NotEmpty(overdue);
        Assert.Contains(overdue, i => today.DayNumber - i.DueOn.DayNumber is >= 30 and <= 120);
        Assert.True(overdue.Count <= invoices.Count(i => i.IsIssued) / 5, $"{overdue.Count} overdue");
        Assert.NotEmpty(await receivables.CreditsAsync(null, today, CancellationToken.None));

        // The aged receivables (one SQL statement) against a reference from the raw rows and Aging.BucketOf, on days around the year.
        foreach (var asOf in new[] { today, today.AddDays(-1), today.AddDays(-45), today.AddDays(-100), today.AddDays(-200), today.AddDays(40) })
        {
            var expected = invoices.Where(i => i.IsIssued && i.IssuedOn <= asOf)
                .Select(i => (i.SiteId, i.CompanyId, Bucket: Aging.BucketOf(i.DueOn!.Value, asOf), Open: i.TotalInclVat
                    - notes.Where(n => n.InvoiceId == i.Id && n.IssuedOn <= asOf).Sum(n => n.TotalInclVat)
                    - allocations.Where(a => a.InvoiceId == i.Id && a.AppliedOn <= asOf).Sum(a => a.Amount)))
                .Where(i => i.Open > 0)
                .GroupBy(i => (i.SiteId, i.CompanyId, i.Bucket)).ToDictionary(g => g.Key, g => g.Sum(i => i.Open));
            var rows = await receivables.AgingAsync(null, asOf, byCompany: true, CancellationToken.None);
            var actual = rows.SelectMany(r => Enum.GetValues<AgingBucket>().Select(b => (Key: (r.SiteId, r.CompanyId!.Value, b), Value: r[b])))
                .Where(x => x.Value != 0).ToDictionary(x => x.Key, x => x.Value);
            Assert.Equal(expected.OrderBy(x => x.Key), actual.OrderBy(x => x.Key));
        }

        // Bab Bahr Robotics: paid invoices, one partly paid, one overdue.
        var babBahr = await db.Companies.Where(c => c.LegalName == DemoResidents.ResidentCompany).Select(c => c.Id).SingleAsync();
        var states = invoices.Where(i => i.CompanyId == babBahr && i.IsIssued).Select(i => InvoiceStates.Of(true, i.TotalInclVat,
            notes.Where(n => n.InvoiceId == i.Id).Sum(n => n.TotalInclVat), allocations.Where(a => a.InvoiceId == i.Id).Sum(a => a.Amount), i.DueOn, today)).ToList();
        Assert.Contains(InvoiceState.Paid, states);
        Assert.Single(states, s => s == InvoiceState.PartlyPaid);
        Assert.Single(states, s => s == InvoiceState.Overdue);

        // The demo bills what the run bills: a run of last month or of this month afterwards changes nothing.
        var tanger = sites.Single(s => s.Slug == "tanger").Id;
        var run = scope.ServiceProvider.GetRequiredService<BillingRun>();
        Assert.Equal(new RunResult(0, 0, 0, 0), await run.RunAsync(tanger, current.Previous, CancellationToken.None));
        var thisMonth = await run.RunAsync(tanger, current, CancellationToken.None);
        Assert.Equal((0, 0, 0), (thisMonth.Created, thisMonth.Updated, thisMonth.Removed));

        // Seeded once.
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<DemoBilling>().Single().SeedAsync(CancellationToken.None);
        await using var again = app.Database.CreateContext();
        Assert.Equal((invoices.Count, payments.Count, notes.Count), (await again.Invoices.CountAsync(), await again.Payments.CountAsync(), await again.CreditNotes.CountAsync()));
    }
}
