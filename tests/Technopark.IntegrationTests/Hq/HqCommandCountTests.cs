using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq;

/// <summary>
/// Each HQ request issues at most <see cref="Bound"/> SQL commands on a day not yet cached, however many sites the
/// network has: the figures are set-based statements, never one query per site.
/// </summary>
public class HqCommandCountTests(AppFixture app) : IClassFixture<AppFixture>
{
    public const int Bound = 6;

    [Theory]
    [InlineData("/hq", 1)]
    [InlineData("/hq/trend", 2)]
    [InlineData("/hq/kpis", 3)]
    [InlineData("/hq/kpis/jobs", 4)]
    [InlineData("/hq/export/occupancy.csv", 5)]
    [InlineData("/hq/export/kpis.csv", 6)]
    [InlineData("/api/v1/occupancy", 7)]
    [InlineData("/hq/kpis/funds", 8)]
    public async Task Get_MoreSites_SameBoundedNumberOfCommands(string path, int day)
    {
        await HqDataset.EnsureAsync(app);
        var counter = new SqlCommandCounter();
        using var signedIn = await SignedInAsync(counter);
        var (factory, client) = (signedIn.Factory, signedIn.Client);
        // Days of its own (per case), so that no other request has cached its figures.
        counter.ResetAsAfterChange(factory.Services);
        (await client.GetAsync($"{path}?on=2019-01-{day:00}")).EnsureSuccessStatusCode();
        var before = counter.For(path);
        await AddSitesAsync(20);
        counter.ResetAsAfterChange(factory.Services);
        (await client.GetAsync($"{path}?on=2019-02-{day:00}")).EnsureSuccessStatusCode();
        var after = counter.For(path);

        Assert.InRange(before, 1, Bound);
        Assert.Equal(before, after);
    }

    /// <summary>
    /// A day not kept yet costs one round trip for its figures (<c>/hq</c>'s sites and pipeline, the trend's sites and months, in
    /// one batch; the API's sites alone), plus, on a page, the person's menu, which a change makes read again.
    /// </summary>
    [Theory]
    [InlineData("/hq", 11, 2)]
    [InlineData("/hq/trend", 12, 2)]
    [InlineData("/api/v1/occupancy", 13, 1)]
    public async Task Get_DayNotKept_ItsFiguresInOneRoundTrip(string path, int day, int expected)
    {
        await HqDataset.EnsureAsync(app);
        var counter = new SqlCommandCounter();
        using var signedIn = await SignedInAsync(counter);
        var (factory, client) = (signedIn.Factory, signedIn.Client);
        counter.ResetAsAfterChange(factory.Services);
        (await client.GetAsync($"{path}?on=2019-03-{day:00}")).EnsureSuccessStatusCode();

        Assert.Equal(expected, counter.For(path));
    }

    /// <summary>The app with <paramref name="counter"/> registered, and a client signed in as the network admin.</summary>
    private async Task<SignedIn> SignedInAsync(SqlCommandCounter counter)
    {
        var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(counter)));
        await Personas.EnsureAsync(app.Factory, Persona.NetworkAdmin);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signIn = await Personas.PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = Personas.Email(Persona.NetworkAdmin),
            ["Input.Password"] = Personas.Password,
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        }

        await Personas.SessionCheckedAsync(client);
        return new SignedIn(factory, client);
    }

    private sealed record SignedIn(WebApplicationFactory<Program> Factory, HttpClient Client) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Factory.Dispose();
        }
    }

    private async Task AddSitesAsync(int count)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO sites (slug, name, city, region, status, opened_on, focus_sectors, partners, service_codes)
            SELECT 'extra-' || md5(random()::text), 'Extra ' || g, t.city, t.region, 'Operational', '2010-01-01', t.focus_sectors, t.partners, t.service_codes
            FROM sites t, generate_series(1, @n) g WHERE t.slug = 'tanger';
            INSERT INTO spaces (site_id, code, kind, floor, seats, is_active, area_square_meters, monthly_rate)
            SELECT s.id, 'X' || g, 'Office', 1, 1, true, 10, 100 FROM sites s, generate_series(1, 3) g WHERE s.slug LIKE 'extra-%'
            ON CONFLICT DO NOTHING;
            """, connection);
        command.Parameters.AddWithValue("n", count);
        await command.ExecuteNonQueryAsync();
    }
}
