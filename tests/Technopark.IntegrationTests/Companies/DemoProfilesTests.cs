using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.IntegrationTests.Companies;

/// <summary>The demo profiles: opted-in residents of Tanger and Casablanca with drawn logos; seeding again changes nothing.</summary>
public class DemoProfilesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public async Task DemoProfiles_Twice_ListsResidentsWithLogosAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new TestClock();
        clock.SetToday(Today);
        await using (var db = database.CreateContext())
        {
            await DemoData.ApplyAsync(db, Today, CancellationToken.None);
            await new DemoProfiles(db, clock).SeedAsync(CancellationToken.None);
        }

        var before = await SnapshotAsync(database);
        await using (var db = database.CreateContext())
        {
            await new DemoProfiles(db, clock).SeedAsync(CancellationToken.None);
        }

        Assert.Equal(before, await SnapshotAsync(database));
        Assert.Equal(10, before.Count(c => c.Listed && c.Website!.StartsWith("https://www.", StringComparison.Ordinal)));
        Assert.All(before, c => Assert.Equal(CompanyLogo.MaxPixels, c.LogoSide));
    }

    private static async Task<List<(int Id, bool Listed, string? Website, string? Pitch, int LogoSide)>> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var rows = await db.Companies.AsNoTracking().Where(c => c.ListedInDirectory || db.CompanyLogos.Any(l => l.CompanyId == c.Id))
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.ListedInDirectory, c.Website, c.Pitch, Logo = db.CompanyLogos.Where(l => l.CompanyId == c.Id).Select(l => l.Content).FirstOrDefault() })
            .ToListAsync();
        return [.. rows.Select(r => (r.Id, r.ListedInDirectory, r.Website, r.Pitch, r.Logo is null ? 0 : Image.Identify(r.Logo).Width))];
    }
}
