using Npgsql;

namespace Technopark.TestSupport;

/// <summary>
/// A PostgreSQL primary of its own and a real streaming replica of it (<c>pg_basebackup -R</c> + a second <c>pg_ctl</c>), from the
/// system binaries, as the postgres user when root, on free loopback ports; both stopped and their folder removed on dispose.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncDisposable
{
    private const string ServerOptions = "-c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off "
        + "-c full_page_writes=off -c max_connections=100 -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on";

    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asRoot = Environment.UserName == "root";
    private readonly int _primaryPort = PostgresServer.LocalCluster.FreePort();
    private readonly int _replicaPort = PostgresServer.LocalCluster.FreePort();

    private ReplicatedPostgres(string bin, string root)
    {
        _bin = bin;
        _root = root;
    }

    /// <summary>The primary's superuser, maintenance database.</summary>
    public string PrimaryServer => Server(_primaryPort);

    /// <summary>The replica's superuser, maintenance database.</summary>
    public string ReplicaServer => Server(_replicaPort);

    private string PrimaryData => Path.Combine(_root, "primary");

    private string ReplicaData => Path.Combine(_root, "replica");

    public static async Task<ReplicatedPostgres> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"technopark-replica-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var cluster = new ReplicatedPostgres(PostgresServer.LocalCluster.FindBinaries(), root);
        try
        {
            if (cluster._asRoot)
            {
                await PostgresServer.LocalCluster.RunAsync("chown", ["postgres:postgres", root], asPostgres: false);
            }

            await cluster.PgAsync("initdb", ["-D", cluster.PrimaryData, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
            await cluster.StartServerAsync(cluster.PrimaryData, cluster._primaryPort);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Copies the primary as it is now (<c>pg_basebackup -R</c>: a standby that streams from it) and starts the copy.</summary>
    public async Task StartReplicaAsync()
    {
        await PgAsync("pg_basebackup",
            ["-h", "127.0.0.1", "-p", _primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-D", ReplicaData, "-R", "-X", "stream", "--no-sync"]);
        await RestartReplicaAsync();
    }

    public Task RestartReplicaAsync() => StartServerAsync(ReplicaData, _replicaPort);

    public Task StopReplicaAsync() => PgAsync("pg_ctl", ["-D", ReplicaData, "-m", "fast", "-w", "stop"]);

    /// <summary>
    /// Waits until the replica has replayed everything the primary has inserted into its WAL so far: the position the app asks
    /// for (<c>pg_current_wal_insert_lsn()</c>) and requires of the replica can be ahead of the position written out
    /// (<c>pg_current_wal_lsn()</c>): a replica caught up to the latter only can still be behind the app's position (the likely
    /// cause of one failure of ReadReplicaTests in CI: /hq did not show the name the replica held).
    /// </summary>
    public async Task CaughtUpAsync()
    {
        var target = await ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>(PrimaryServer, "SELECT pg_current_wal_insert_lsn()");
        for (var i = 0; i < 300; i++)
        {
            var replayed = await ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber?>(ReplicaServer, "SELECT pg_last_wal_replay_lsn()");
            if (replayed >= target)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The replica did not replay up to {target} within 15 s.");
    }

    /// <summary>Stops (or resumes) applying the primary's changes on the replica: the two then differ.</summary>
    public Task PauseReplayAsync(bool paused = true) =>
        ScalarAsync<object>(ReplicaServer, paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()");

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        // Unpooled: a pooled connection to a server the test stopped and restarted is dead.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var data in new[] { ReplicaData, PrimaryData })
        {
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    await PgAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine($"Could not stop the test server in {data}: {e.Message}");
                }
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not remove {_root}: {e.Message}");
        }
    }

    private static string Server(int port) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true;Timeout=5";

    private Task StartServerAsync(string data, int port) =>
        PgAsync("pg_ctl", ["-D", data, "-l", data + ".log", "-w", "-t", "60", "-o", $"-p {port} {ServerOptions}", "start"]);

    private Task PgAsync(string tool, IReadOnlyList<string> arguments) =>
        PostgresServer.LocalCluster.RunAsync(Path.Combine(_bin, tool), arguments, _asRoot);
}
