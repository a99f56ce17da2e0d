using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Billing;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// The network's aged receivables (summed per invoice first, for speed) equal those of each site (correlated sums per invoice)
/// and a plain reference built from <see cref="Receivables.OnDay"/> and <see cref="Aging.BucketOf"/>, on days before, between
/// and after issues, a partial payment and a credit note.
/// </summary>
public class ReceivablesAgingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task NetworkAging_EqualsEachSitesAgingAndTheReference_OnEveryDay()
    {
        var clock = app.Factory.Clock;
        int tanger, oujda;
        await using (var db = app.Database.CreateContext())
        {
            (tanger, oujda) = (await TestBilling.SiteIdAsync(db, "tanger"), await TestBilling.SiteIdAsync(db, "oujda"));
            var atlas = await TestBilling.CompanyAsync(db, "tanger", "Atlas F Aging SARL");
            var rif = await TestBilling.CompanyAsync(db, "oujda", "Rif F Aging SARL");
            await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "FA-101", 3000m), atlas, new DateOnly(2027, 1, 1));
            await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "oujda", "FA-201", 2100m), rif, new DateOnly(2027, 1, 15));
        }

        foreach (var month in new[] { new BillingMonth(2027, 1), new BillingMonth(2027, 2), new BillingMonth(2027, 3) })
        {
            clock.SetToday(month.End.AddDays(1));
            foreach (var slug in new[] { "tanger", "oujda" })
            {
                await TestBilling.RunAsync(app.Factory.Services, slug, month);
                await TestBilling.IssueAsync(app.Factory.Services, slug, month);
            }

            if (month.Month == 2)
            {
                await CreditFebruaryAsync(tanger);
            }
            else if (month.Month == 1)
            {
                await PayPartOfJanuaryAsync(tanger, new DateOnly(2027, 3, 10));
            }
        }

        clock.SetToday(new DateOnly(2027, 8, 1));
        foreach (var day in new DateOnly[] { new(2027, 2, 1), new(2027, 2, 2), new(2027, 3, 4), new(2027, 3, 5), new(2027, 3, 10), new(2027, 4, 2), new(2027, 5, 20), new(2027, 7, 15) })
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var receivables = scope.ServiceProvider.GetRequiredService<Receivables>();
            var network = await receivables.AgingAsync(null, day, byCompany: false, CancellationToken.None);
            var sites = (await receivables.AgingAsync(tanger, day, false, CancellationToken.None))
                .Concat(await receivables.AgingAsync(oujda, day, false, CancellationToken.None)).ToList();
            var reference = await ReferenceAsync(receivables, [tanger, oujda], day);

            Assert.Equal(reference, network.Where(r => r.SiteId == tanger || r.SiteId == oujda).ToList());
            Assert.Equal(reference, sites);
        }
    }

    /// <summary>Per site, the open amount of each issued invoice in the bucket of its due date, from plain C#.</summary>
    private static async Task<List<AgingRow>> ReferenceAsync(Receivables receivables, int[] siteIds, DateOnly day)
    {
        var rows = new List<AgingRow>();
        foreach (var siteId in siteIds.Order())
        {
            var open = (await receivables.OnDay(siteId, day).ToListAsync()).Where(i => i.Open > 0).ToList();
            if (open.Count == 0)
            {
                continue;
            }

            decimal Of(AgingBucket bucket) => open.Where(i => Aging.BucketOf(i.DueOn, day) == bucket).Sum(i => i.Open);
            rows.Add(new AgingRow(siteId, null, Of(AgingBucket.NotDue), Of(AgingBucket.Days1To30), Of(AgingBucket.Days31To60), Of(AgingBucket.Days61To90),
                Of(AgingBucket.Over90)));
        }

        return rows;
    }

    private async Task CreditFebruaryAsync(int siteId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        var february = await db.Invoices.Where(i => i.SiteId == siteId && i.Year == 2027 && i.Month == 2 && i.Status == InvoiceStatus.Issued)
            .Select(i => i.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<Invoicing>().CreditAsync(siteId, february, "Erreur de loyer", "test-user", CancellationToken.None);
    }

    private async Task PayPartOfJanuaryAsync(int siteId, DateOnly receivedOn)
    {
        await using var db = app.Database.CreateContext();
        var january = await db.Invoices.AsNoTracking().SingleAsync(i => i.SiteId == siteId && i.Year == 2027 && i.Month == 1 && i.Status == InvoiceStatus.Issued);
        var today = app.Factory.Clock.GetUtcNow();
        var payment = Payment.Record(siteId, january.CompanyId, receivedOn, PaymentMethod.Transfer, "VIR-FA-1", 1000m,
            [(new OpenInvoice(january.Id, january.CompanyId, january.TotalInclVat), 1000m)], receivedOn, "test-user", today);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
    }
}
