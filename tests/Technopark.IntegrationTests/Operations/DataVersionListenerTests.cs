using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>The data version follows changes made anywhere (PostgreSQL notifications), and the caches stand aside while it cannot.</summary>
public sealed class DataVersionListenerTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task RawSqlChange_IsHeard_RolledBackOneIsNot()
    {
        var version = app.Factory.Services.GetRequiredService<DataVersion>();
        await Eventually.UntilAsync(() => version.Coherent, TimeSpan.FromSeconds(10));

        var before = version.Current;
        await ExecuteAsync("BEGIN; UPDATE sites SET name = name WHERE slug = 'oujda'; ROLLBACK;");
        await ExecuteAsync("SELECT pg_sleep(0.2)"); // a notification would have arrived by now (it comes at commit, within milliseconds)
        Assert.Equal(before, version.Current);

        await ExecuteAsync("UPDATE sites SET name = name WHERE slug = 'oujda'");
        await Eventually.UntilAsync(() => version.Current > before, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AccountStampOrLockoutSetByRawSql_MovesTheAccountsVersion_ASignInTimeDoesNot()
    {
        var version = app.Factory.Services.GetRequiredService<DataVersion>();
        await Eventually.UntilAsync(() => version.Coherent, TimeSpan.FromSeconds(10));

        var before = version.Accounts;
        await ExecuteAsync("UPDATE \"AspNetUsers\" SET last_sign_in_at = now()");
        await ExecuteAsync("BEGIN; UPDATE \"AspNetUsers\" SET security_stamp = security_stamp; ROLLBACK;");
        await ExecuteAsync("SELECT pg_sleep(0.2)"); // a notification would have arrived by now
        Assert.Equal(before, version.Accounts);

        await ExecuteAsync("UPDATE \"AspNetUsers\" SET lockout_end = lockout_end");
        await Eventually.UntilAsync(() => version.Accounts > before, TimeSpan.FromSeconds(10));
        var lockout = version.Accounts;
        await ExecuteAsync("UPDATE \"AspNetUsers\" SET security_stamp = security_stamp");
        await Eventually.UntilAsync(() => version.Accounts > lockout, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task EveryWatchedTable_NotifiesTheDataVersion_AndNoOtherDoes()
    {
        using var scope = app.Factory.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>().Model;
        var watched = DataVersion.Watched.Select(t => model.FindEntityType(t)!.GetTableName()!).Order().ToList();

        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE p.proname = 'notify_data_version' AND NOT t.tgisinternal ORDER BY 1
            """, connection);
        var notifying = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                notifying.Add(reader.GetString(0));
            }
        }

        Assert.Equal(watched, notifying.Order().ToList());
    }

    [Fact]
    public async Task ListenerConnectionLost_CachesStandAside_ThenItReconnectsAndCachesServeAgain()
    {
        const string Name = ">Technopark Tanger<";
        const string Unheard = ">Tanger renamed unheard<";
        var version = app.Factory.Services.GetRequiredService<DataVersion>();
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        await Eventually.UntilAsync(() => version.Coherent, TimeSpan.FromSeconds(10));
        Assert.Contains(Name, await client.GetStringAsync("/hq?on=2026-04-01"), StringComparison.Ordinal);
        try
        {
            // A change nobody hears of (its table's notify trigger off): the day's figures come from the cache, the old name with them.
            await ExecuteAsync($"ALTER TABLE sites DISABLE TRIGGER sites_notify_data_version; UPDATE sites SET name = '{Unheard[1..^1]}' WHERE slug = 'tanger'");
            Assert.Contains(Name, await client.GetStringAsync("/hq?on=2026-04-01"), StringComparison.Ordinal);

            // The listener's connection is cut and cannot come back (no new connection to this database).
            await ExecuteAsync($"ALTER DATABASE {app.Database.Name} CONNECTION LIMIT 0");
            try
            {
                await ExecuteAsync($"""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = '{app.Database.Name}' AND application_name = '{DataVersionListener.ApplicationName}'
                    """);
                await Eventually.UntilAsync(() => !version.Coherent, TimeSpan.FromSeconds(10));
                Assert.Contains(Unheard, await client.GetStringAsync("/hq?on=2026-04-01"), StringComparison.Ordinal); // read again, not kept
                var ready = await client.GetStringAsync("/health/ready");
                Assert.Contains("\"cache-coherence\":{\"status\":\"Degraded\"", ready, StringComparison.Ordinal);
            }
            finally
            {
                await ExecuteAsync($"ALTER DATABASE {app.Database.Name} CONNECTION LIMIT -1");
            }

            var lost = version.Current;
            await Eventually.UntilAsync(() => version.Coherent, TimeSpan.FromSeconds(10));
            Assert.True(version.Current > lost, "Listening again bumps the version once, for what was missed.");

            // Kept again: a day read once answers from the cache, another unheard change notwithstanding.
            Assert.Contains(Unheard, await client.GetStringAsync("/hq?on=2026-04-02"), StringComparison.Ordinal);
            await ExecuteAsync("UPDATE sites SET name = 'Technopark Tanger' WHERE slug = 'tanger'");
            Assert.Contains(Unheard, await client.GetStringAsync("/hq?on=2026-04-02"), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE sites ENABLE TRIGGER sites_notify_data_version; UPDATE sites SET name = 'Technopark Tanger' WHERE slug = 'tanger'");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
