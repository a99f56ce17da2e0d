using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.TestSupport;

namespace Technopark.Benchmarks;

/// <summary>
/// Times the occupancy board of a big site through the real app on Kestrel, and the one SQL
/// statement behind it run directly with Npgsql, so that the app's own cost shows.
/// </summary>
internal static class BoardBenchmark
{
    private const int Requests = 300;
    private const int WarmUp = 30;
    private const double TargetP95Ms = 150;
    private const string Slug = "tanger";
    private const string BoardPath = "/manage/" + Slug + "/board";

    private static readonly DateOnly[] Days =
        [new(2011, 6, 15), new(2015, 3, 1), new(2019, 9, 30), new(2023, 1, 16), new(2026, 11, 26), new(2029, 5, 2)];

    /// <summary>The statement EF Core sends for the board (Board.cshtml.cs), written out by hand.</summary>
    private const string BoardSql = """
        SELECT s.id, s.code, s.kind, s.floor, s.seats, s0.legal_name, s0.start_on, s0.end_on, s0.seats, s0.monthly_rent
        FROM spaces AS s
        LEFT JOIN (
            SELECT a.space_id, c.legal_name, a.start_on, a.end_on, a.seats, a.monthly_rent
            FROM assignments AS a
            INNER JOIN companies AS c ON a.company_id = c.id
            WHERE a.site_id = @siteId AND a.start_on <= @day AND (a.end_on IS NULL OR a.end_on > @day)
        ) AS s0 ON s.id = s0.space_id
        WHERE s.site_id = @siteId AND s.is_active AND s.kind IN ('Office', 'Coworking')
        """;

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("Board benchmark: preparing a fresh database…");
        await using var database = await TestDatabase.CreateAsync();
        var fill = Stopwatch.StartNew();
        var (spaces, assignments) = await BoardData.FillAsync(database.ConnectionString, Slug, cancellationToken);
        Console.WriteLine($"Filled in {fill.Elapsed.TotalSeconds:0.0} s (binary COPY + ANALYZE).");

        var counter = new SqlCommandCounter();
        await using var factory = new CountingFactory(database.ConnectionString, counter);
        var baseUrl = factory.StartKestrel();
        using var client = await SignInAsync(factory, baseUrl);

        for (var i = 0; i < WarmUp; i++)
        {
            await GetBoardAsync(client, Days[i % Days.Length], cancellationToken);
        }

        counter.Reset();
        var board = new double[Requests];
        for (var i = 0; i < Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetBoardAsync(client, Days[i % Days.Length], cancellationToken);
            board[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var commandsPerRequest = counter.For(BoardPath) / (double)Requests;
        var (raw, rows, lastDay) = await TimeRawSqlAsync(database.ConnectionString, cancellationToken);
        var plan = await ExplainAsync(database.ConnectionString, Days[4], cancellationToken);

        Array.Sort(board);
        Array.Sort(raw);
        var boardP95 = Percentile(board, 95);
        var rawP95 = Percentile(raw, 95);
        Console.WriteLine();
        Console.WriteLine($"Site '{Slug}': {spaces} spaces, {assignments} assignments; {Days.Length} dates, {Requests} GETs after {WarmUp} warm-up GETs ({Environment.ProcessorCount} cores)");
        Console.WriteLine($"Board GET  p50 {Percentile(board, 50):0.0} ms | p95 {boardP95:0.0} ms | p99 {Percentile(board, 99):0.0} ms | max {board[^1]:0.0} ms");
        Console.WriteLine($"SQL commands per board request: {commandsPerRequest:0.##}");
        Console.WriteLine($"Raw board SQL ({rows} rows on {lastDay:yyyy-MM-dd}) p50 {Percentile(raw, 50):0.00} ms | p95 {rawP95:0.00} ms");
        Console.WriteLine($"Ratio board p95 / raw SQL p95: {boardP95 / rawP95:0.0}");
        Console.WriteLine($"Target board p95 < {TargetP95Ms} ms: {(boardP95 < TargetP95Ms ? "met" : "MISSED")}");
        Console.WriteLine();
        Console.WriteLine($"EXPLAIN ANALYZE of the board statement on {Days[4]:yyyy-MM-dd}:");
        Console.WriteLine(plan);
        return 0;
    }

    private static async Task<HttpClient> SignInAsync(CountingFactory factory, string baseUrl)
    {
        await Personas.EnsureAsync(factory, Persona.ManagerTanger);
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
        };
        using var response = await Personas.PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = Personas.Email(Persona.ManagerTanger),
            ["Input.Password"] = Personas.Password,
        });
        return response.StatusCode == HttpStatusCode.Redirect
            ? client
            : throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
    }

    private static async Task GetBoardAsync(HttpClient client, DateOnly day, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"{BoardPath}?on={day:yyyy-MM-dd}", cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("board-summary", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Board answered {(int)response.StatusCode}");
        }
    }

    private static async Task<(double[] Timings, int Rows, DateOnly Day)> TimeRawSqlAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var siteId = await SiteIdAsync(connection, cancellationToken);
        var timings = new double[Requests];
        var rows = 0;
        var day = Days[0];
        for (var i = -WarmUp; i < Requests; i++)
        {
            day = Days[(i + WarmUp) % Days.Length];
            var started = Stopwatch.GetTimestamp();
            await using var command = new NpgsqlCommand(BoardSql, connection);
            command.Parameters.AddWithValue("siteId", siteId);
            command.Parameters.AddWithValue("day", day);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
            }

            if (i >= 0)
            {
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        return (timings, rows, day);
    }

    private static async Task<string> ExplainAsync(string connectionString, DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var siteId = await SiteIdAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + BoardSql, connection);
        command.Parameters.AddWithValue("siteId", siteId);
        command.Parameters.AddWithValue("day", day);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<int> SiteIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT id FROM sites WHERE slug = '{Slug}'", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The app on the benchmark database, with the command counter attached to every context.</summary>
    private sealed class CountingFactory(string connectionString, SqlCommandCounter counter) : TechnoparkFactory(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(counter));
        }
    }
}
