using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Roles;
using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.TestSupport;

/// <summary>
/// A database of its own for one test class: a copy of a template that was migrated and given the
/// reference sites once per test process. Copying a template takes milliseconds.
/// As in production, the schema belongs to <see cref="DatabaseGrants.OwnerRole"/> and the app connects
/// as the least-privilege <see cref="DatabaseGrants.AppRole"/> (<see cref="AppConnectionString"/>);
/// <see cref="ConnectionString"/> is the server's superuser, for tests that arrange data behind the app's back.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Password of both roles (the local cluster trusts loopback; Docker and external servers check it).</summary>
    public const string RolePassword = "technopark-tests";

    private const string TemplateName = "technopark_template";
    private const string DemoTemplateName = "technopark_demo_template";
    private static readonly Once Template = new();
    private static readonly Once DemoTemplate = new();
    private static readonly string DemoDocumentsPath = Path.Combine(Path.GetTempPath(), "technopark-tests", $"demo-{Environment.ProcessId}-{Guid.NewGuid():N}");

    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        AppConnectionString = As(DatabaseGrants.AppRole);
        OwnerConnectionString = As(DatabaseGrants.OwnerRole);
    }

    public string Name { get; }

    /// <summary>The server's superuser on this database.</summary>
    public string ConnectionString { get; }

    /// <summary>The app's least-privilege role on this database (what the app under test uses).</summary>
    public string AppConnectionString { get; }

    /// <summary>The schema owner (what migrations use).</summary>
    public string OwnerConnectionString { get; }

    /// <summary>A fresh database with every migration and the reference sites.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        await EnsureTemplateAsync(server);
        var database = new TestDatabase(server, $"t_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE {database.Name} TEMPLATE {TemplateName} OWNER {DatabaseGrants.OwnerRole}");
        return database;
    }

    /// <summary>
    /// A fresh database with the whole demo, copied from a demo template seeded once per test process by the app itself
    /// (<paramref name="seedDemo"/> starts the app with the demo on the template and stops it). Seeding the demo takes
    /// tens of seconds on a busy CI machine; a copy takes a second. The demo's uploaded files are copied with it, into
    /// <paramref name="documentsPath"/>. Classes that start the app on a copy with the demo seeding on still prove that
    /// seeding an already seeded database changes nothing (as a restart of the run command does).
    /// </summary>
    public static async Task<TestDatabase> CreateDemoAsync(Func<string, string, Task> seedDemo, string documentsPath)
    {
        var server = await PostgresServer.ConnectionStringAsync();
        await EnsureDemoTemplateAsync(server, seedDemo);
        var database = new TestDatabase(server, $"t_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE {database.Name} TEMPLATE {DemoTemplateName} OWNER {DatabaseGrants.OwnerRole}");
        CopyFolder(DemoDocumentsPath, documentsPath);
        return database;
    }

    /// <summary>
    /// A fresh database with every migration and the reference sites on another server than the tests' one (a primary with a
    /// streaming replica of its own, say), migrated there rather than copied from the template. Dropped with the server.
    /// </summary>
    public static async Task<TestDatabase> CreateOnServerAsync(string server)
    {
        await EnsureRolesAsync(server);
        var database = new TestDatabase(server, $"r_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE {database.Name} OWNER {DatabaseGrants.OwnerRole}");
        await database.PrepareAsync();
        return database;
    }

    /// <summary>An empty database (no migrations), for the migration tests.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        await EnsureRolesAsync(server);
        var database = new TestDatabase(server, $"e_{Guid.NewGuid():N}");
        await ExecuteAsync(server, $"CREATE DATABASE {database.Name} OWNER {DatabaseGrants.OwnerRole}");
        return database;
    }

    /// <summary>A context on this database, with the app's <paramref name="interceptors"/> that a test needs (none by default).</summary>
    public TechnoparkDbContext CreateContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(ConnectionString).AddInterceptors(interceptors);
        return new TechnoparkDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Username = role, Password = RolePassword }.ConnectionString;

    private static Task EnsureTemplateAsync(string server) => Template.RunAsync(async () =>
    {
        await EnsureRolesAsync(server);
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await ExecuteAsync(server, $"CREATE DATABASE {TemplateName} OWNER {DatabaseGrants.OwnerRole}");
        var unpooled = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        await new TestDatabase(unpooled, TemplateName).PrepareAsync();
        NpgsqlConnection.ClearAllPools();
    });

    private static Task EnsureDemoTemplateAsync(string server, Func<string, string, Task> seedDemo) => DemoTemplate.RunAsync(async () =>
    {
        await EnsureTemplateAsync(server);
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {DemoTemplateName} WITH (FORCE)");
        await ExecuteAsync(server, $"CREATE DATABASE {DemoTemplateName} TEMPLATE {TemplateName} OWNER {DatabaseGrants.OwnerRole}");
        var template = new TestDatabase(server, DemoTemplateName);
        await seedDemo(template.AppConnectionString, DemoDocumentsPath);
        NpgsqlConnection.ClearAllPools(); // a template takes no connection while it is copied
    });

    /// <summary>Builds something once per test process; the callers meanwhile wait, and a build that failed is tried again by the next.</summary>
    private sealed class Once
    {
        private readonly Lock _lock = new();
        private Task? _build;

        public Task RunAsync(Func<Task> build)
        {
            lock (_lock)
            {
                if (_build is null || _build.IsFaulted || _build.IsCanceled)
                {
                    _build = build();
                }

                return _build;
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>
    /// The two roles of a deployment, created once per server (roles are server-wide; several test
    /// processes may race to create them, hence the exception handler).
    /// </summary>
    private static Task EnsureRolesAsync(string server) => ExecuteAsync(server, $"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DatabaseGrants.OwnerRole}') THEN
                CREATE ROLE {DatabaseGrants.OwnerRole} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD '{RolePassword}';
            END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DatabaseGrants.AppRole}') THEN
                CREATE ROLE {DatabaseGrants.AppRole} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOINHERIT PASSWORD '{RolePassword}';
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END $$;
        """);

    /// <summary>Every migration as the schema owner, the app role's grants, the reference sites.</summary>
    private async Task PrepareAsync()
    {
        var owner = new DbContextOptionsBuilder<TechnoparkDbContext>();
        owner.UseTechnoparkDatabase(OwnerConnectionString);
        await using (var db = new TechnoparkDbContext(owner.Options))
        {
            await db.Database.MigrateAsync();
        }

        await DatabaseGrants.ApplyAsync(OwnerConnectionString, AppConnectionString, CancellationToken.None);
        await using (var db = CreateContext())
        {
            await ReferenceData.ApplyAsync(db, CancellationToken.None);
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
