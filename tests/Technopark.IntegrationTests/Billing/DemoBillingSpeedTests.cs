using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.IntegrationTests.Billing;

/// <summary>The demo's billing seeds a year of every operational site quickly (its own step, timed on the demo's spaces, stays and rooms).</summary>
public class DemoBillingSpeedTests(AppFixture app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Seed_AYearOfEveryOperationalSite_TakesSeconds()
    {
        var today = new DateOnly(2027, 3, 17);
        app.Factory.Clock.SetToday(today);
        await using (var db = app.Database.CreateContext())
        {
            await DemoData.ApplyAsync(db, today, CancellationToken.None);
            var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
            db.Companies.Add(Company.Create(tanger, DemoResidents.ResidentCompany, CompanyForm.Startup, Sectors.All.First()));
            await db.SaveChangesAsync();
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<DemoRooms>().Single().SeedAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<DemoBilling>().Single().SeedAsync(CancellationToken.None);
        watch.Stop();

        await using var check = app.Database.CreateContext();
        var issued = await check.Invoices.CountAsync(i => i.Status == Domain.Billing.InvoiceStatus.Issued);
        output.WriteLine($"{issued} invoices issued, {await check.Payments.CountAsync()} payments in {watch.Elapsed}");
        Assert.True(issued > 100, $"{issued} invoices");
        // 15 s on the development machine; 30 s here leaves room for a machine shared by other builds.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"demo billing took {watch.Elapsed}");
    }
}
