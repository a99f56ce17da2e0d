using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Network;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Data;

public class SeedingTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public async Task ReferenceData_HasTheNineRealSites()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Slug);

        Assert.Equal(["agadir", "casablanca", "essaouira", "fes", "khemisset", "oujda", "rabat", "tanger", "tiznit"], sites.Keys.Order());
        Assert.Equal(new DateOnly(2023, 11, 24), sites["essaouira"].OpenedOn);
        Assert.Equal(SiteStatus.UnderConstruction, sites["khemisset"].Status);
        Assert.Equal(2027m, sites["khemisset"].FloorAreaSquareMeters);
        Assert.Equal(58, sites["khemisset"].CompanyCapacity);
        Assert.Contains("AFEM", sites["tanger"].Partners);
        Assert.Equal([Sectors.It, Sectors.GreenTech, Sectors.CreativeIndustries], sites["oujda"].FocusSectors);
        Assert.Equal(SiteStatus.Planned, sites["tiznit"].Status);
    }

    [Fact]
    public async Task Seeding_Twice_ChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await DemoData.ApplyAsync(db, Today, CancellationToken.None);
        }

        var before = await SnapshotAsync(database);
        await using (var db = database.CreateContext())
        {
            await ReferenceData.ApplyAsync(db, CancellationToken.None);
            await DemoData.ApplyAsync(db, Today, CancellationToken.None);
        }

        Assert.Equal(before, await SnapshotAsync(database));
        Assert.True(before.Spaces > 300, $"Demo data has {before.Spaces} spaces");
        Assert.True(before.Assignments > 100, $"Demo data has {before.Assignments} assignments");
    }

    [Fact]
    public async Task DemoData_Khemisset_FollowsThePublishedPlan()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await DemoData.ApplyAsync(db, Today, CancellationToken.None);

        var kinds = await db.Spaces.Where(s => s.SiteId == db.Sites.Single(x => x.Slug == "khemisset").Id)
            .GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key.ToString(), g => g.Count);

        Assert.Equal(34, kinds["Office"]);
        Assert.Equal(3, kinds["Coworking"]);
        Assert.Equal(1, kinds["MeetingRoom"]);
        Assert.Equal(2, kinds["ProximityService"]);
    }

    [Fact]
    public async Task DemoData_Declarations_MixStatusesPeriodsAndActivity_SomeMissing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        await DemoData.ApplyAsync(db, Today, CancellationToken.None);

        var declarations = await db.Declarations.AsNoTracking().ToListAsync();
        var validated = declarations.Count(d => d.Status == DeclarationStatus.Validated);
        Assert.InRange(validated, declarations.Count * 6 / 10, declarations.Count - 1); // most validated, some only declared
        Assert.Contains(declarations, d => d.IsCorrected && d.Figures != d.Declared);
        Assert.Contains(declarations, d => d.Quarter is not null);
        Assert.Contains(declarations, d => !d.Figures.StillActive);
        Assert.All(declarations, d => Assert.True(d.Period.CountsOn(Today)));
        var jobs = await new NetworkQueries(db).KpisAsync(Today, FiguresMode.Validated, CancellationToken.None);
        Assert.InRange(jobs.JobsCovered, 1, jobs.Population - 1); // some companies have not reported
        Assert.True(jobs.SurvivalActive > 0 && jobs.SurvivalInactive > 0, "The demo has alumni known to be active and others known to be inactive.");
    }

    /// <summary>Row counts plus the sum of row versions (xmin): any insert or update changes it.</summary>
    private static async Task<Snapshot> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var versions = await db.Database.SqlQuery<string>($"""
            SELECT concat_ws('|',
              (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM sites),
              (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM spaces),
              (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM companies),
              (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM assignments),
              (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM declarations)) AS "Value"
            """).SingleAsync();
        return new Snapshot(await db.Sites.CountAsync(), await db.Spaces.CountAsync(), await db.Companies.CountAsync(),
            await db.Assignments.CountAsync(), await db.Declarations.CountAsync(), versions);
    }

    private sealed record Snapshot(int Sites, int Spaces, int Companies, int Assignments, int Declarations, string Versions);
}
