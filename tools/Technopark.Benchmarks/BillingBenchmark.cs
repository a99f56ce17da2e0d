using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.Domain.Billing;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.Benchmarks;

/// <summary>
/// Billing at scale (<see cref="BillingData"/>): (a) the monthly run of Tanger (600 spaces, room bookings), its idempotent re-run and
/// issuing all its drafts; (b) the monthly run of every site of the 100× network one after the other; (c) on 12 months of issued
/// invoices and payments of the network, the network's aged receivables (<see cref="Receivables.AgingAsync"/>, and the same statement
/// run bare through Npgsql with its EXPLAIN ANALYZE) and the HQ page <c>/hq/billing</c>. The services are called in-process through the
/// app's DI (a scope per call, as a request has); the HQ page through HTTP on Kestrel as the network admin. Any unexpected outcome
/// (a re-run that changes something, a page that does not answer 200) stops it loudly.
/// </summary>
internal static class BillingBenchmark
{
    public const int NetworkSites = 96;
    private const int Rounds = 50, WarmUp = 5, RawRounds = 10, HistoryMonths = 12;
    private static readonly TimeSpan RoundsBudget = TimeSpan.FromMinutes(2);
    private const double RunTargetSeconds = 5, NetworkTargetSeconds = 180, AgingTargetMs = 500;

    /// <summary>The month of (a); (b) runs the month after; the history is the 12 months before; "today" is early in the month after.</summary>
    private static readonly BillingMonth Month = new(2027, 3);
    private static readonly DateOnly Today = new(2027, 4, 2);
    private static readonly DateOnly StaysFrom = new(2025, 9, 1), StaysTo = new(2027, 7, 1);

    public static async Task<int> RunAsync(int sites, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Billing benchmark: preparing a fresh database ({sites} sites)…");
        await using var database = await TestDatabase.CreateAsync();
        var fillTime = Stopwatch.StartNew();
        IReadOnlyList<BillingSite> network;
        var stays = 0;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 0 }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            network = await BillingData.SitesAsync(connection, sites, cancellationToken);
            foreach (var site in network)
            {
                stays += await BillingData.FillSiteAsync(connection, site, Month, StaysFrom, StaysTo, cancellationToken);
            }
        }

        var rooms = await RoomData.FillAsync(database.ConnectionString, "tanger", Today, cancellationToken);
        Console.WriteLine($"Stays filled in {fillTime.Elapsed.TotalSeconds:0.0} s: {network.Count} sites × {BoardData.Offices + BoardData.CoworkingSpaces} spaces, "
            + $"{stays:N0} stays ({BillingData.TransferPairs * 2} office transfers a site); Tanger also {rooms.Rooms} rooms with {rooms.Bookings:N0} bookings.");
        fillTime.Restart();
        var history = await BillingData.HistoryAsync(database.OwnerConnectionString, network, BillingMonth.Of(Month.First.AddMonths(-HistoryMonths)),
            HistoryMonths, Today, cancellationToken);
        Console.WriteLine($"History filled in {fillTime.Elapsed.TotalSeconds:0.0} s: {history.Invoices:N0} issued invoices ({history.Lines:N0} lines, "
            + $"{history.Billed:N2} MAD), {history.CreditNotes:N0} credit notes, {history.Payments:N0} payments ({history.Collected:N2} MAD) over "
            + $"{HistoryMonths} months before {Month}.");

        // The app as in production: the least-privilege role, Release build; "today" is Today for issuing and the HQ page.
        await using var app = BenchmarkApp.Start(database.AppConnectionString);
        app.Factory.Clock.SetToday(Today);
        var tanger = network[0];

        // (a) Tanger's month: run, run again (nothing may change), issue every draft.
        var (first, firstSeconds) = await TimedAsync(() => RunSiteAsync(app, tanger.Id, Month, cancellationToken));
        var (again, againSeconds) = await TimedAsync(() => RunSiteAsync(app, tanger.Id, Month, cancellationToken));
        if (again.Created + again.Updated + again.Removed != 0 || again.Unchanged != first.Drafts)
        {
            throw new InvalidOperationException($"The re-run of {Month} changed drafts: first {first}, again {again}.");
        }

        var (numbers, issueSeconds) = await TimedAsync(() => IssueAsync(app, tanger.Id, Month, cancellationToken));
        long draftLines;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            draftLines = await BenchmarkSql.ScalarAsync<long>(connection,
                $"SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.site_id = {tanger.Id} AND i.year = {Month.Year} AND i.month = {Month.Month}",
                cancellationToken);
        }

        if (numbers.Count == 0 || numbers.Count > first.Drafts)
        {
            throw new InvalidOperationException($"Issuing {Month} gave {numbers.Count} numbers for {first.Drafts} drafts.");
        }

        Console.WriteLine();
        Console.WriteLine($"(a) Tanger {Month}: run {firstSeconds:0.00} s ({first.Created} drafts, {draftLines:N0} lines) | re-run {againSeconds:0.00} s "
            + $"({again.Unchanged} unchanged) | issuing {issueSeconds:0.00} s ({numbers.Count} invoices, {numbers[0]} … {numbers[^1]})");

        // (b) The network's next month, site after site.
        var runs = new double[network.Count];
        var networkDrafts = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < network.Count; i++)
        {
            var (result, seconds) = await TimedAsync(() => RunSiteAsync(app, network[i].Id, Month.Next, cancellationToken));
            runs[i] = seconds * 1000;
            networkDrafts += result.Drafts;
        }

        var networkSeconds = total.Elapsed.TotalSeconds;
        Array.Sort(runs);
        Console.WriteLine($"(b) Network {Month.Next}: {network.Count} sites in {networkSeconds:0.0} s ({networkDrafts:N0} drafts); per site {Timings.Summary(runs)}");

        // (c) The network's aged receivables on Today: the service, then its statement bare, then the HQ page.
        var aging = await BoundedAsync(() => AgingAsync(app, cancellationToken));
        var agingStatement = await CaptureAgingStatementAsync(database.AppConnectionString, cancellationToken);
        var (raw, rows) = await BenchmarkSql.TimeAsync(database.ConnectionString, agingStatement.Sql, 1, RawRounds, (command, _) => agingStatement.Bind(command),
            cancellationToken);
        var plan = await BenchmarkSql.ExplainAsync(database.ConnectionString, agingStatement.Sql, agingStatement.Bind, cancellationToken);
        Console.WriteLine($"(c) Network aged receivables on {Today:yyyy-MM-dd} (Receivables.AgingAsync, {aging.Length} runs) {Timings.Summary(aging)}");
        Console.WriteLine($"    the same statement bare ({rows} rows) p50 {Timings.Percentile(raw, 50):0.0} ms | p95 {Timings.Percentile(raw, 95):0.0} ms");
        Console.WriteLine();
        Console.WriteLine("EXPLAIN ANALYZE of the aging statement:");
        Console.WriteLine(agingStatement.Sql);
        Console.WriteLine(plan);
        Console.WriteLine();

        Console.WriteLine($"Target Tanger run ≤ {RunTargetSeconds} s: {Met(firstSeconds <= RunTargetSeconds)}");
        Console.WriteLine($"Target network run ≤ {NetworkTargetSeconds / 60} min: {Met(networkSeconds <= NetworkTargetSeconds)}");
        Console.WriteLine($"Target network aged receivables p95 ≤ {AgingTargetMs} ms: {Met(Timings.Percentile(aging, 95) <= AgingTargetMs)}");

        using var admin = await app.SignInAsync(Persona.NetworkAdmin);
        var path = $"/hq/billing?on={Today:yyyy-MM-dd}";
        var hq = await BoundedAsync(() => GetAsync(admin, path, cancellationToken));
        Console.WriteLine($"GET {path} ({hq.Length} requests) {Timings.Summary(hq)}");
        Console.WriteLine($"Target /hq/billing p95 ≤ {AgingTargetMs} ms: {Met(Timings.Percentile(hq, 95) <= AgingTargetMs)}");

        // What the page reads: the billing blocks at the 13 counted days of its 12 months.
        var days = BillingFigures.CountedDays(BillingFigures.Window(Today, BillingFigures.DefaultMonths), Today);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            Console.WriteLine($"{BillingFacts.Table}: {await BenchmarkSql.ScalarAsync<string>(connection,
                $"SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('{BillingFacts.Table}')) FROM {BillingFacts.Table}", cancellationToken)}");
        }

        Console.WriteLine("EXPLAIN ANALYZE of the billing figures' statement (the network, 12 months):");
        Console.WriteLine(await BenchmarkSql.ExplainAsync(database.ConnectionString, BillingFacts.UpToSql(oneSite: false),
            command => command.Parameters.AddRange(BillingFacts.UpToParameters(days, siteId: null)), cancellationToken));
        return 0;
    }

    /// <summary>
    /// <see cref="WarmUp"/> untimed calls, then up to <see cref="Rounds"/> timed ones, fewer when they pass <see cref="RoundsBudget"/>
    /// (a slow statement on the whole network would otherwise hold the machine for an hour); returns the sorted timings.
    /// </summary>
    private static async Task<double[]> BoundedAsync(Func<Task> action)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await action();
        }

        var timings = new List<double>();
        var budget = Stopwatch.StartNew();
        while (timings.Count < Rounds && (timings.Count == 0 || budget.Elapsed < RoundsBudget))
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return [.. timings.Order()];
    }

    private static string Met(bool met) => met ? "met" : "not met";

    private static async Task<(T Result, double Seconds)> TimedAsync<T>(Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        return (result, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task<RunResult> RunSiteAsync(BenchmarkApp app, int siteId, BillingMonth month, CancellationToken cancellationToken)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BillingRun>().RunAsync(siteId, month, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> IssueAsync(BenchmarkApp app, int siteId, BillingMonth month, CancellationToken cancellationToken)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Invoicing>().IssueAsync(siteId, month, null, "benchmark", cancellationToken);
    }

    private static async Task AgingAsync(BenchmarkApp app, CancellationToken cancellationToken)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<Receivables>().AgingAsync(null, Today, byCompany: false, cancellationToken);
        if (rows.Count == 0)
        {
            throw new InvalidOperationException("The network's aged receivables are empty.");
        }
    }

    private static async Task GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("data-billing-site=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.StatusCode}, not 200 with [data-billing-site] cells.");
        }
    }

    /// <summary>The statement EF Core sends for the network's aging (captured from a context of our own), to run bare and explain.</summary>
    private static async Task<CapturedCommand> CaptureAgingStatementAsync(string connectionString, CancellationToken cancellationToken)
    {
        var capture = new CommandCapture();
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(connectionString).AddInterceptors(capture);
        await using var db = new TechnoparkDbContext(options.Options);
        await new Receivables(db).AgingAsync(null, Today, byCompany: false, cancellationToken);
        return capture.Last ?? throw new InvalidOperationException("The aging sent no SQL command.");
    }

    public static int Sites(string[] args) =>
        args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= NetworkSites ? n : NetworkSites;
}
