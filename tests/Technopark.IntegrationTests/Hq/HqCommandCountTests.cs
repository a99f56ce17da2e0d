using System.Data.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
    [InlineData("/hq?on={0}")]
    [InlineData("/hq/trend?on={0}")]
    [InlineData("/hq/kpis?on={0}")]
    [InlineData("/hq/kpis/jobs?on={0}")]
    [InlineData("/hq/export/occupancy.csv?on={0}")]
    [InlineData("/hq/export/kpis.csv?on={0}")]
    [InlineData("/api/v1/occupancy?on={0}")]
    public async Task Get_MoreSites_SameBoundedNumberOfCommands(string url)
    {
        await HqDataset.EnsureAsync(app);
        var counter = new CommandCounter();
        using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(counter)));
        await Personas.EnsureAsync(app.Factory, Persona.NetworkAdmin);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signIn = await Personas.PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = Personas.Email(Persona.NetworkAdmin),
            ["Input.Password"] = Personas.Password,
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var day = 1 + Math.Abs(url.GetHashCode(StringComparison.Ordinal)) % 27; // a day no other test has cached

        counter.Reset();
        (await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, $"2019-01-{day:00}"))).EnsureSuccessStatusCode();
        var before = counter.Count;
        await AddSitesAsync(20);
        counter.Reset();
        (await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, $"2019-02-{day:00}"))).EnsureSuccessStatusCode();
        var after = counter.Count;

        Assert.InRange(before, 1, Bound);
        Assert.Equal(before, after);
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

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
