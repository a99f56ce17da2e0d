using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>The run command's production-like settings: a database outage shows the friendly page, never a stack trace.</summary>
public partial class ProductionErrorTests
{
    [Fact]
    public async Task DatabaseOutage_ProductionSettings_ShowsFriendlyPageWithCorrelationIdAndNoDetails()
    {
        var database = await TestDatabase.CreateAsync();
        await using var factory = new TechnoparkFactory(database.AppConnectionString).WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("Email:Mode", "Mailbox")
            .UseSetting("Hsts:Enabled", "false"));
        using var client = factory.CreateClient();
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await database.DisposeAsync(); // the outage: the database is gone
        using var response = await client.GetAsync("/sites/tanger");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(CorrelationId(), html);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(database.AppConnectionString).Host!, html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<code id=\"correlation-id\">[0-9a-zA-Z:-]{8,}</code>")]
    private static partial Regex CorrelationId();
}
