using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>
/// The app on a primary with a real streaming replica (ConnectionStrings:TechnoparkReadOnly). To tell where a page read from,
/// the replica's replay is paused and a site is renamed on the primary behind the app's back (triggers off, so no instance hears of
/// it): a page showing the old name read the replica, one showing the new name read the primary.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private ReplicatedPostgres? _servers;
    private TestDatabase? _database;
    private TechnoparkFactory? _primaryOnly;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _app;

    private ReplicatedPostgres Servers => _servers!;

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App => _app!;

    public async Task InitializeAsync()
    {
        _servers = await ReplicatedPostgres.StartAsync();
        _database = await TestDatabase.CreateOnServerAsync(Servers.PrimaryServer);
        await Servers.StartReplicaAsync();
        var onReplica = new NpgsqlConnectionStringBuilder(_database.AppConnectionString)
        {
            Port = new NpgsqlConnectionStringBuilder(Servers.ReplicaServer).Port,
        }.ConnectionString;
        _primaryOnly = new TechnoparkFactory(_database.AppConnectionString);
        _app = _primaryOnly.WithWebHostBuilder(builder => builder.UseSetting($"ConnectionStrings:{ReadReplica.ConnectionStringName}", onReplica));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_primaryOnly is not null)
        {
            await _primaryOnly.DisposeAsync();
        }

        if (_servers is not null)
        {
            await _servers.DisposeAsync(); // the database goes with its servers
        }
    }

    [Fact]
    public async Task Reads_ComeFromTheReplica_FallBackToThePrimaryWhenItStops_AndReturnWhenItIsBack()
    {
        var admin = await Personas.ClientAsync(App, Persona.NetworkAdmin);
        var visitor = App.CreateClient();
        Assert.Equal("Healthy", await ReplicaHealthAsync(visitor));
        await ReadEverythingAsync(admin, visitor, "Technopark Tanger"); // the position of the sign-in's changes is known from here on
        await Servers.CaughtUpAsync();

        // HQ, the public pages and the API read the replica: a change it has not replayed, unknown to the app, does not show.
        await Servers.PauseReplayAsync();
        await RenameBehindTheAppsBackAsync("Replica-Probe-One");
        await ReadEverythingAsync(admin, visitor, "Technopark Tanger");

        // A change the app knows about (notified at commit) is never hidden by a replica that lags: the primary is read.
        var version = App.Services.GetRequiredService<DataVersion>();
        // Settled first: a notification of an earlier change arriving late would otherwise pass for this one's.
        await Eventually.UntilAsync(() => !version.PositionPending, TimeSpan.FromSeconds(5));
        await ExecuteAsync(_database!.ConnectionString, "SELECT pg_sleep(0.3)");
        var before = version.Current;
        await ExecuteAsync(_database!.ConnectionString, "UPDATE sites SET name = 'Replica-Probe-Two' WHERE slug = 'tanger'");
        await Eventually.UntilAsync(() => version.Current > before && !version.PositionPending, TimeSpan.FromSeconds(5));
        await ReadEverythingAsync(admin, visitor, "Replica-Probe-Two");

        // Once the replica has replayed that change, reads go back to it.
        await Servers.PauseReplayAsync(paused: false);
        await Servers.CaughtUpAsync();
        await Servers.PauseReplayAsync();
        await RenameBehindTheAppsBackAsync("Replica-Probe-Three");
        await ReadEverythingAsync(admin, visitor, "Replica-Probe-Two");

        // The replica stops: every page is served from the primary, and /health/ready (still 200) says so.
        var clock = _primaryOnly!.Clock;
        clock.Set(clock.GetUtcNow()); // the retry delay runs on the app's clock: it passes when the test says so
        await Servers.StopReplicaAsync();
        await ReadEverythingAsync(admin, visitor, "Replica-Probe-Three");
        Assert.Equal("Degraded", await ReplicaHealthAsync(visitor));

        // It is back, but left alone until the retry delay has passed; then reads go to it again.
        await Servers.RestartReplicaAsync();
        await Servers.CaughtUpAsync();
        await Servers.PauseReplayAsync();
        await RenameBehindTheAppsBackAsync("Replica-Probe-Four");
        await ReadEverythingAsync(admin, visitor, "Replica-Probe-Four");
        Assert.Equal("Degraded", await ReplicaHealthAsync(visitor));
        clock.Set(clock.GetUtcNow() + ReadReplica.RetryDelay);
        await ReadEverythingAsync(admin, visitor, "Replica-Probe-Three");
        Assert.Equal("Healthy", await ReplicaHealthAsync(visitor));
    }

    private async Task RenameBehindTheAppsBackAsync(string name) =>
        await ExecuteAsync(_database!.ConnectionString, $"SET session_replication_role = replica; UPDATE sites SET name = '{name}' WHERE slug = 'tanger'");

    private static int _days;

    /// <summary>HQ's dashboard, the occupancy API, the home page and the sites API (HQ on a day not asked before: no cache).</summary>
    private static async Task ReadEverythingAsync(HttpClient admin, HttpClient visitor, string tangerName)
    {
        var day = Day.AddDays(Interlocked.Increment(ref _days));
        var hq = await admin.GetAsync($"/hq?on={day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, hq.StatusCode);
        Assert.Contains(tangerName, await hq.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var occupancy = await admin.GetAsync($"/api/v1/occupancy?on={day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, occupancy.StatusCode);
        var home = await visitor.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(tangerName, await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sites = await visitor.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.OK, sites.StatusCode);
        Assert.Contains(tangerName, await sites.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> ReplicaHealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("entries").GetProperty("read-replica").GetProperty("status").GetString()!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
