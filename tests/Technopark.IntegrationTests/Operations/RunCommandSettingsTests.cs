using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>The settings ./run.sh serves its production-like demo with.</summary>
public class RunCommandSettingsTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Production_SeedDemoData_SeedsOnlyWithTheExplicitAllowance(string allowed, bool seeded)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var factory = Production(database, builder => builder
            .UseSetting("Database:SeedDemoData", "true")
            .UseSetting("Database:AllowDemoDataInProduction", allowed)))
        {
            _ = factory.Services; // start: seeding happens here
        }

        await using var db = database.CreateContext();
        Assert.Equal(seeded, await db.Users.AnyAsync(u => u.Email == "hq@technopark.ma"));
        Assert.Equal(seeded, await db.Spaces.AnyAsync());
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Production_HstsSetting_DecidesTheHeaderOverHttps(string enabled, bool sent)
    {
        await using var database = await TestDatabase.CreateAsync();
        // HSTS is never sent to localhost: a public host, allowed because it is the configured public base URL.
        await using var factory = Production(database, builder => builder.UseSetting("Hsts:Enabled", enabled).UseSetting("App:PublicBaseUrl", "https://technopark.test"));
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://technopark.test") });

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sent, response.Headers.Contains("Strict-Transport-Security"));
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Production(TestDatabase database, Action<IWebHostBuilder> configure) =>
        new TechnoparkFactory(database.AppConnectionString).WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production").UseSetting("Email:Mode", "Mailbox");
            configure(builder);
        });
}
