using System.Diagnostics;
using System.Globalization;
using System.Net;
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

        await using var app = BenchmarkApp.Start(database.ConnectionString);
        using var client = await app.SignInAsync(Persona.ManagerTanger);

        for (var i = 0; i < WarmUp; i++)
        {
            await GetBoardAsync(client, Days[i % Days.Length], cancellationToken);
        }

        app.Counter.Reset();
        var board = await Timings.TimeAsync(Requests, i => GetBoardAsync(client, Days[i % Days.Length], cancellationToken));
        var commandsPerRequest = app.Counter.For(BoardPath) / (double)Requests;

        int siteId;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            siteId = await BenchmarkSql.SiteIdAsync(connection, Slug, cancellationToken);
        }

        var lastDay = Days[(WarmUp + Requests - 1) % Days.Length];
        var (raw, rows) = await BenchmarkSql.TimeAsync(database.ConnectionString, BoardSql, WarmUp, Requests,
            (command, round) => Bind(command, siteId, Days[round % Days.Length]), cancellationToken);
        var plan = await BenchmarkSql.ExplainAsync(database.ConnectionString, BoardSql, command => Bind(command, siteId, Days[4]), cancellationToken);

        var boardP95 = Timings.Percentile(board, 95);
        var rawP95 = Timings.Percentile(raw, 95);
        Console.WriteLine();
        Console.WriteLine($"Site '{Slug}': {spaces} spaces, {assignments} assignments; {Days.Length} dates, {Requests} GETs after {WarmUp} warm-up GETs ({Environment.ProcessorCount} cores)");
        Console.WriteLine($"Board GET  {Timings.Summary(board)}");
        Console.WriteLine($"SQL commands per board request: {commandsPerRequest:0.##}");
        Console.WriteLine($"Raw board SQL ({rows} rows on {lastDay:yyyy-MM-dd}) p50 {Timings.Percentile(raw, 50):0.00} ms | p95 {rawP95:0.00} ms");
        Console.WriteLine($"Ratio board p95 / raw SQL p95: {boardP95 / rawP95:0.0}");
        Console.WriteLine($"Target board p95 < {TargetP95Ms} ms: {(boardP95 < TargetP95Ms ? "met" : "MISSED")}");
        Console.WriteLine();
        Console.WriteLine($"EXPLAIN ANALYZE of the board statement on {Days[4]:yyyy-MM-dd}:");
        Console.WriteLine(plan);
        return 0;
    }

    private static void Bind(NpgsqlCommand command, int siteId, DateOnly day)
    {
        command.Parameters.AddWithValue("siteId", siteId);
        command.Parameters.AddWithValue("day", day);
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
}
