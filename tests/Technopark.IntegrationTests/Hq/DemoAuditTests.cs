using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.IntegrationTests.Hq;

/// <summary>The demo's audit trail: a year of stays started and ended and of rent changes, by the site's manager, seeded once.</summary>
public class DemoAuditTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Seed_Twice_WritesAYearOfTheDemosChanges_Once()
    {
        var today = new DateOnly(2027, 3, 17);
        app.Factory.Clock.SetToday(today);
        await using (var db = app.Database.CreateContext())
        {
            await DemoData.ApplyAsync(db, today, CancellationToken.None);
        }

        await SeedAsync<DemoAccounts>();
        await SeedAsync<DemoAudit>();
        int count;
        await using (var db = app.Database.CreateContext())
        {
            count = await db.AuditLog.CountAsync();
        }

        await SeedAsync<DemoAudit>();

        await using var check = app.Database.CreateContext();
        var entries = await check.AuditLog.AsNoTracking().ToListAsync();
        Assert.Equal(count, entries.Count);
        var from = Technopark.Domain.Common.SiteTime.StartOf(today.AddYears(-1).AddDays(-10));
        Assert.All(entries, e => Assert.InRange(e.At, from, app.Factory.Clock.GetUtcNow().AddDays(1)));
        var tanger = await check.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
        var manager = await check.Users.Where(u => u.Email == "manager.tanger@technopark.ma").Select(u => u.Id).SingleAsync();
        var stays = entries.Where(e => e.EntityType == nameof(Assignment) && e.SiteId == tanger).ToList();
        Assert.Contains(stays, e => e.Action == "assignment.create");
        Assert.Contains(stays, e => e.Action == "assignment.end");
        Assert.All(stays, e => Assert.Equal(manager, e.UserId));
        var rent = entries.First(e => e.Action == "space.update" && e.SiteId == tanger);
        var space = await check.Spaces.SingleAsync(s => s.Id == int.Parse(rent.EntityId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SpaceKind.Office, space.Kind);
        using var after = JsonDocument.Parse(rent.After!);
        using var before = JsonDocument.Parse(rent.Before!);
        Assert.Equal(space.MonthlyRate, after.RootElement.GetProperty("monthlyRate").GetDecimal());
        Assert.True(before.RootElement.GetProperty("monthlyRate").GetDecimal() < space.MonthlyRate);
    }

    private async Task SeedAsync<T>()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<T>().Cast<IDemoSeeder>().Single().SeedAsync(CancellationToken.None);
    }
}
