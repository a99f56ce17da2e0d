using System.Diagnostics;
using Npgsql;
using Technopark.Infrastructure.Email;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>
/// scripts/backup.sh, what ./run.sh backup and ./run.sh restore run, against the test cluster: a backup,
/// then changes, then a restore gives back every table's rows and the documents as they were.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "technopark-tests", "backups-" + Guid.NewGuid().ToString("N"));
    /// <summary>When the email written after the backup was queued (any instant: only its row matters).</summary>
    private static readonly DateTimeOffset AfterBackup = new(2027, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private TestDatabase? _database;
    private string? _documents;

    private TestDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var factory = new TechnoparkFactory(Database.AppConnectionString, demoData: true);
        _ = factory.Services; // starts the app: migrations are there, reference and demo data seeded as the app role
        _documents = factory.DocumentsPath;
        Directory.CreateDirectory(_documents);
        await File.WriteAllBytesAsync(Path.Combine(_documents, "plan.pdf"), "%PDF-1.4 plan d'affaires"u8.ToArray());
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "postgres" }.ConnectionString;
        var names = await QueryAsync(server,
            $"SELECT coalesce(string_agg(datname, ','), '') FROM pg_database WHERE datname LIKE '{Database.Name}%'");
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        foreach (var folder in new[] { _backups, _documents! }.Concat(Directory.GetDirectories(Path.GetDirectoryName(_documents!)!, Path.GetFileName(_documents!) + ".before-restore-*")))
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Restore_AfterChanges_GivesBackEveryTableAndTheDocuments()
    {
        var before = await SnapshotAsync();
        var documentsBefore = await DocumentsAsync();
        Assert.Contains("plan.pdf", documentsBefore.Keys);
        Assert.Contains(before, table => table.Key == "assignments" && table.Value.Rows > 0);
        Assert.Contains(before, table => table.Key == "declarations" && table.Value.Rows > 0);
        Assert.Contains(before, table => table.Key == "AspNetUsers" && table.Value.Rows > 0);

        var backup = await RunAsync("backup");
        var dump = Assert.Single(Directory.GetFiles(_backups, "technopark-*.dump"));
        Assert.Matches(@"technopark-\d{8}-\d{6}\.dump$", dump);
        Assert.True(File.Exists(dump.Replace(".dump", ".documents.tar.gz", StringComparison.Ordinal)), backup);

        await ExecuteAsync(Database.AppConnectionString, """
            UPDATE sites SET name = name || ' (modifié)';
            DELETE FROM waiting_list;
            INSERT INTO audit_log (at, action, entity_type, entity_id) VALUES (now(), 'AfterBackup', 'Site', '1');
            """);
        await using (var db = Database.CreateContext())
        {
            db.Outbox.Add(OutboxMessage.Create("apres@example.ma", "Après", "<p>x</p>", "x", AfterBackup));
            await db.SaveChangesAsync();
        }

        File.Delete(Path.Combine(_documents!, "plan.pdf"));
        await File.WriteAllTextAsync(Path.Combine(_documents!, "apres.pdf"), "%PDF-1.4 après");
        Assert.NotEqual(before, await SnapshotAsync());
        NpgsqlConnection.ClearAllPools(); // the app is stopped: nobody is connected

        await RunAsync("restore", dump);

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(documentsBefore, await DocumentsAsync());
    }

    [Fact]
    public async Task Backup_MoreThanKept_RemovesTheOldest()
    {
        Directory.CreateDirectory(_backups);
        foreach (var old in new[] { "technopark-20200101-000000", "technopark-20200102-000000" })
        {
            await File.WriteAllTextAsync(Path.Combine(_backups, old + ".dump"), "old");
            await File.WriteAllTextAsync(Path.Combine(_backups, old + ".documents.tar.gz"), "old");
        }

        await RunAsync("backup", keep: 2);

        var left = Directory.GetFiles(_backups).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(4, left.Count);
        Assert.DoesNotContain("technopark-20200101-000000.dump", left);
        Assert.Contains("technopark-20200102-000000.dump", left);
    }

    [Fact]
    public async Task Restore_WhileTheAppIsConnected_IsRefusedAndChangesNothing()
    {
        await RunAsync("backup");
        var dump = Assert.Single(Directory.GetFiles(_backups, "*.dump"));
        await using var app = new NpgsqlConnection(Database.AppConnectionString);
        await app.OpenAsync();

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("restore", dump));

        Assert.Contains("stop the app first", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("0", await QueryAsync(Database.ConnectionString,
            $"SELECT count(*)::text FROM pg_database WHERE datname LIKE '{Database.Name}_%'"));
    }

    /// <summary>Every document file (relative path) with a digest of its content.</summary>
    private async Task<SortedDictionary<string, string>> DocumentsAsync()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(_documents!, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(_documents!, file)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
        }

        return files;
    }

    /// <summary>Every table of the schema: its row count and a digest of all its rows in a fixed order.</summary>
    private async Task<SortedDictionary<string, (long Rows, string Digest)>> SnapshotAsync()
    {
        var tables = (await QueryAsync(Database.ConnectionString,
            "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'")).Split(',');
        var snapshot = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            snapshot[table] = (reader.GetInt64(0), reader.GetString(1));
        }

        return snapshot;
    }

    private async Task<string> RunAsync(string verb, string? file = null, int keep = 7)
    {
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "backup.sh"));
        start.ArgumentList.Add(verb);
        if (file is not null)
        {
            start.ArgumentList.Add(file);
        }

        start.Environment["PGHOST"] = server.Host;
        start.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = server.Username;
        start.Environment["PGPASSWORD"] = server.Password ?? string.Empty;
        start.Environment["TECHNOPARK_DB"] = Database.Name;
        start.Environment["TECHNOPARK_DOCUMENTS"] = _documents;
        start.Environment["TECHNOPARK_BACKUP_DIR"] = _backups;
        start.Environment["TECHNOPARK_BACKUP_KEEP"] = keep.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"backup.sh {verb} failed ({process.ExitCode}): {await error}{await output}");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "scripts", "backup.sh")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("scripts/backup.sh not found above the test folder.");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
