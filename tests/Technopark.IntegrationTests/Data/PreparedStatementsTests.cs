using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Data;

/// <summary>
/// A query tagged <see cref="PreparedStatements.Tag"/> (or a raw statement marked) is prepared on its connection once and reused
/// by later requests; untagged queries are not, nor HQ's figures computed from the stays (their plan is made for each day asked).
/// </summary>
public class PreparedStatementsTests
{
    [Fact]
    public async Task TaggedQuery_RunTwice_PreparedOnceOnTheConnection_UntaggedNot()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext(new PreparedStatements());
        await db.Database.OpenConnectionAsync(); // one session throughout, as a pooled connection between requests
        var prepared = () => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements").SingleAsync();
        Assert.Equal(0, await prepared());

        for (var time = 0; time < 2; time++)
        {
            var id = $"user-{time}";
            Assert.False(await db.Users.TagWith(PreparedStatements.Tag).AnyAsync(u => u.Id == id));
        }

        Assert.Equal(1, await prepared());
        Assert.False(await db.Users.AnyAsync(u => u.Email == "nobody@technopark.ma"));
        Assert.Equal(1, await prepared());
    }

    [Fact]
    public async Task HqFigures_AskedOnTwoDays_FromTheBlocksPreparedOnce_FromTheStaysNot()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext(new PreparedStatements());
        await db.Database.OpenConnectionAsync(); // one session throughout, as a pooled connection between requests
        var queries = new NetworkQueries(db);
        var site = await db.Sites.Select(s => s.Id).FirstAsync();
        foreach (var day in new[] { new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 16) })
        {
            await queries.SitesOnAsync(day, CancellationToken.None);
            await queries.SitesOnAsync(day, CancellationToken.None, site);
            await queries.TrendAsync(day, CancellationToken.None);
            await queries.PipelineAsync(day, CancellationToken.None);
            await queries.SitesOnLiveAsync(day, CancellationToken.None);
            await queries.TrendLiveAsync(day, CancellationToken.None);
        }

        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        Assert.Equal(
            new[] { NetworkQueries.SitesOnDaySql, NetworkQueries.SiteOnDaySql, NetworkQueries.TrendSql, NetworkQueries.PipelineSql }.Select(Parameters).Order(StringComparer.Ordinal),
            prepared.Select(Parameters).Order(StringComparer.Ordinal));
    }

    /// <summary>A statement as PostgreSQL keeps it (its parameters numbered $1… by Npgsql, a line break after it): compared without them.</summary>
    private static string Parameters(string sql) => System.Text.RegularExpressions.Regex.Replace(sql, @"(@[a-z_]+|\$[0-9]+)", "?").TrimEnd();
}
