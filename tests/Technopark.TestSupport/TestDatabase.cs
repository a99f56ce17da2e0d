using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.TestSupport;

/// <summary>
/// A database of its own for one test class: a copy of a template that was migrated and given the
/// reference sites once per test process. Copying a template takes milliseconds.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string TemplateName = "technopark_template";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;

    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A fresh database with every migration and the reference sites.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        await EnsureTemplateAsync(server);
        var database = new TestDatabase(server, $"t_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE {database.Name} TEMPLATE {TemplateName}");
        return database;
    }

    /// <summary>An empty database (no migrations), for the migration tests.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var database = new TestDatabase(server, $"e_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE {database.Name}");
        return database;
    }

    public TechnoparkDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(ConnectionString);
        return new TechnoparkDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
            await ExecuteAsync(server, $"CREATE DATABASE {TemplateName}");
            var unpooled = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
            var template = new TestDatabase(unpooled, TemplateName);
            await using (var db = template.CreateContext())
            {
                await db.Database.MigrateAsync();
                await ReferenceData.ApplyAsync(db, CancellationToken.None);
            }

            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
