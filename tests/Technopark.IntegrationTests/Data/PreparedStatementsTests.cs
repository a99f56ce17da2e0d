using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Data;

/// <summary>
/// A query tagged <see cref="PreparedStatements.Tag"/> is prepared on its connection once and reused by later requests; HQ's
/// figures and other untagged queries are not (their plan must be made for each day asked).
/// </summary>
public class PreparedStatementsTests
{
    [Fact]
    public async Task TaggedQuery_RunTwice_PreparedOnceOnTheConnection_UntaggedNot()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(database.ConnectionString).AddInterceptors(new PreparedStatements());
        await using var db = new TechnoparkDbContext(options.Options);
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
}
