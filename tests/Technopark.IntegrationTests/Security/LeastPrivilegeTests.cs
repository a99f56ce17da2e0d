using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Technopark.Infrastructure.Data.Roles;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

/// <summary>
/// The README's guarantee "the audit log is never edited, never lost" must hold against the app's own
/// credentials: each superuser trick, tried as the app's role, is refused by PostgreSQL itself.
/// </summary>
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    private const string InsufficientPrivilege = "42501";
    private const string RaisedByTrigger = "P0001";

    private TestDatabase? _database;

    private TestDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await ExecuteAsync(Database.AppConnectionString, """
            INSERT INTO audit_log (at, action, entity_type, entity_id, after)
            VALUES (now(), 'Test', 'Space', '1', '{"code":"B-1"}')
            """);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task AppRole_IsNeitherSuperuserNorOwnerOfAnything()
    {
        var row = await QueryAsync(Database.AppConnectionString, """
            SELECT rolsuper::text || rolcreaterole::text || rolcreatedb::text || rolbypassrls::text
                || (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::text
            FROM pg_roles r WHERE rolname = current_user
            """);

        Assert.Equal("falsefalsefalsefalse0", row);
    }

    [Fact]
    public async Task AppRole_InsertsAndReadsTheAuditLog()
    {
        await ExecuteAsync(Database.AppConnectionString,
            "INSERT INTO audit_log (at, action, entity_type, entity_id) VALUES (now(), 'Test', 'Space', '2')");

        Assert.Equal("2", await QueryAsync(Database.AppConnectionString, "SELECT count(*)::text FROM audit_log"));
    }

    [Theory]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER ALL")]
    [InlineData("DROP TRIGGER audit_log_append_only ON audit_log")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("UPDATE audit_log SET action = 'Forged'")]
    [InlineData("DROP TABLE audit_log")]
    [InlineData("ALTER TABLE audit_log OWNER TO technopark_app")]
    [InlineData("CREATE TABLE evil (id int)")]
    [InlineData("ALTER TABLE spaces ADD COLUMN evil int")]
    [InlineData("DROP TABLE spaces")]
    [InlineData("TRUNCATE spaces CASCADE")]
    [InlineData("CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")]
    [InlineData("DELETE FROM __ef_migrations_history")]
    public async Task AppRole_SuperuserTrick_IsRefused(string sql)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Database.AppConnectionString, sql));

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Equal("1", await QueryAsync(Database.ConnectionString, "SELECT count(*)::text FROM audit_log"));
    }

    [Theory]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("UPDATE audit_log SET action = 'Forged'")]
    public async Task OwnerRole_EraseAuditLog_IsRefusedByTrigger(string sql)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Database.OwnerConnectionString, sql));

        Assert.Equal(RaisedByTrigger, refused.SqlState);
        Assert.Equal("1", await QueryAsync(Database.ConnectionString, "SELECT count(*)::text FROM audit_log"));
    }

    [Fact]
    public async Task OwnerRole_OwnsEveryTableOfTheSchema()
    {
        var owners = await QueryAsync(Database.ConnectionString,
            "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'");

        Assert.Equal(DatabaseGrants.OwnerRole, owners);
    }

    [Fact]
    public async Task Startup_WithTheOwnersConnection_MigratesAsOwnerAndGrantsTheAppRole()
    {
        await using var empty = await TestDatabase.CreateEmptyAsync();
        await using (var factory = new TechnoparkFactory(empty.AppConnectionString).WithWebHostBuilder(builder => builder
            .UseSetting("Database:MigrateOnStartup", "true")
            .UseSetting("ConnectionStrings:TechnoparkMigrations", empty.OwnerConnectionString)))
        {
            _ = factory.Services; // starts: migrations as the owner, then the reference sites as the app role
        }

        Assert.Equal("9", await QueryAsync(empty.AppConnectionString, "SELECT count(*)::text FROM sites"));
        Assert.Equal(DatabaseGrants.OwnerRole, await QueryAsync(empty.ConnectionString,
            "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'"));
        Assert.Equal("t,t,f,f,f", await QueryAsync(empty.ConnectionString, $"""
            SELECT concat_ws(',', has_table_privilege('{DatabaseGrants.AppRole}', 'audit_log', 'INSERT'),
                has_table_privilege('{DatabaseGrants.AppRole}', 'spaces', 'DELETE'),
                has_table_privilege('{DatabaseGrants.AppRole}', 'audit_log', 'DELETE'),
                has_table_privilege('{DatabaseGrants.AppRole}', 'audit_log', 'TRUNCATE'),
                has_schema_privilege('{DatabaseGrants.AppRole}', 'public', 'CREATE'))
            """));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
