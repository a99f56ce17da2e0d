using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Testcontainers.PostgreSql;

namespace Technopark.TestSupport;

/// <summary>
/// The PostgreSQL server the tests of this process use, chosen once:
/// 1. TECHNOPARK_TEST_POSTGRES (a connection string whose user may create databases);
/// 2. else a Testcontainers PostgreSQL when a Docker engine answers;
/// 3. else a throwaway local cluster of the system binaries (initdb --no-sync + pg_ctl on a free
///    port, as the postgres user when root), removed when the test process ends.
/// Never an in-memory or SQLite stand-in.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "TECHNOPARK_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>Connection string to the server's maintenance database.</summary>
    public static Task<string> ConnectionStringAsync() => Server.Value;

    private static async Task<string> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return await TryDockerAsync() ?? await LocalCluster.StartAsync();
    }

    private static async Task<string?> TryDockerAsync()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(dockerHost) && !File.Exists("/var/run/docker.sock"))
        {
            return null;
        }

        try
        {
            var container = new PostgreSqlBuilder("postgres:17-alpine").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await container.StartAsync(timeout.Token);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return container.GetConnectionString();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"Docker engine did not answer ({e.GetType().Name}); using a local PostgreSQL cluster.");
            return null;
        }
    }

    internal static class LocalCluster
    {
        private const string Prefix = "technopark-tests-";

        public static async Task<string> StartAsync()
        {
            var bin = FindBinaries();
            var asRoot = Environment.UserName == "root";
            await ReapOrphansAsync(bin, asRoot);
            var root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(root);
            if (asRoot)
            {
                await RunAsync("chown", ["postgres:postgres", root], asPostgres: false);
            }

            var data = Path.Combine(root, "data");
            var port = FreePort();
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
            await RunAsync(Path.Combine(bin, "pg_ctl"),
            [
                "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
                $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                "start",
            ], asRoot);

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot).GetAwaiter().GetResult();
                    Directory.Delete(root, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"Could not clean the test cluster in {root}: {e.Message}");
                }
            };
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
        }

        /// <summary>
        /// A test host that was killed (not ended) leaves its cluster running: stop and remove the clusters
        /// whose test process is gone, so repeated runs do not pile up servers.
        /// </summary>
        private static async Task ReapOrphansAsync(string bin, bool asRoot)
        {
            foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
            {
                var name = Path.GetFileName(dir)[Prefix.Length..];
                var dash = name.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(name[..dash], out var pid) || Directory.Exists($"/proc/{pid}"))
                {
                    continue;
                }

                try
                {
                    if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
                    {
                        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(dir, "data"), "-m", "immediate", "stop"], asRoot);
                    }

                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"Could not remove the orphaned test cluster {dir}: {e.Message}");
                }
            }
        }

        internal static string FindBinaries()
        {
            var dirs = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                : Enumerable.Empty<string>();
            return dirs.FirstOrDefault()
                ?? throw new InvalidOperationException(
                    "No PostgreSQL for the tests: set TECHNOPARK_TEST_POSTGRES, start Docker, or install the 'postgresql' package (./test.sh does).");
        }

        internal static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        internal static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
        {
            var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            if (asPostgres)
            {
                foreach (var part in new[] { "-u", "postgres", "--", file })
                {
                    start.ArgumentList.Add(part);
                }
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await error}{await output}");
            }
        }
    }
}
