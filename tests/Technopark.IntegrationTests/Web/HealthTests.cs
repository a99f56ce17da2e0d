using System.Net;
using Npgsql;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Web;

public class HealthTests
{
    [Fact]
    public async Task Health_DatabaseUp_LiveAndReadyAnswer200()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new TechnoparkFactory(database.AppConnectionString);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Ready_DatabaseGone_Answers503WhileLiveStays200()
    {
        var database = await TestDatabase.CreateAsync();
        await using var factory = new TechnoparkFactory(database.AppConnectionString);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await database.DisposeAsync(); // drops the database under the running app
        NpgsqlConnection.ClearAllPools();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
