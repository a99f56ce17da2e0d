using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Pages.Hq.Audit;

namespace Technopark.Benchmarks;

/// <summary>
/// The audit trail at 100×: <see cref="Entries"/> entries over a year (newest last, as the log fills), <see cref="BillingBenchmark.NetworkSites"/>
/// sites and <see cref="Users"/> users, realistic kinds, actions and small JSON, inserted by the schema's owner with
/// <c>INSERT … SELECT generate_series</c> (the append-only triggers allow INSERT), then ANALYZE. Each view of /hq/audit is read
/// <see cref="Rounds"/> times through the app's own <see cref="AuditTrailReader.ListAsync"/> (a DI scope per call, as a request
/// has; the least-privilege role; what the page runs: the sites' names, the person's accounts, one page of 50 + 1 by keyset):
/// the first page unfiltered, by site, by person, by kind and action, by a week, and the 20th page (its cursor).
/// Prints p50/p95 of each against the target and the EXPLAIN (ANALYZE, BUFFERS) of the unfiltered first page and of kind + action; then
/// builds the index asked of the lead for the action filter, (action, at, id), and measures again.
/// </summary>
internal static class AuditBenchmark
{
    public const int Entries = 5_000_000, Users = 300;
    private const int Rounds = 30, WarmUp = 3, Batch = 1_000_000;
    private const double TargetMs = 200;

    /// <summary>The year the entries cover.</summary>
    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"Audit benchmark: preparing a fresh database ({Entries:N0} entries, {BillingBenchmark.NetworkSites} sites, {Users} users)…");
        await using var database = await TestDatabase.CreateAsync();
        var fill = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { CommandTimeout = 0 }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await BillingData.SitesAsync(connection, BillingBenchmark.NetworkSites - 8, cancellationToken); // the 9 real sites and 87 more
            await FillAsync(connection, cancellationToken);
        }

        Console.WriteLine($"Filled and analysed in {fill.Elapsed.TotalSeconds:0} s.");
        await using var app = BenchmarkApp.Start(database.AppConnectionString);

        // The 20th page's cursor: follow the unfiltered pages as a reader clicking "next" would.
        AuditCursor? cursor = null;
        for (var page = 1; page < 20; page++)
        {
            cursor = (await ListAsync(app, new AuditQuery(null, null, null, null, null, null, null, cursor?.Token), cancellationToken)).Page.Next;
        }

        var views = new (string Name, AuditQuery Query)[]
        {
            ("first page, unfiltered", new(null, null, null, null, null, null, null, null)),
            ("by site (bench-40)", new(null, null, "bench-40", null, null, null, null, null)),
            ("by person (an email)", new(null, null, null, Email(17), null, null, null, null)),
            ("by kind + action (Assignment, assignment.transfer)", new(null, null, null, null, null, "Assignment", "assignment.transfer", null)),
            ("by a week (2026-06-08 to 2026-06-14)", new(Day(new(2026, 6, 8)), Day(new(2026, 6, 14)), null, null, null, null, null, null)),
            ("by a rare action alone (staff.revoke)", new(null, null, null, null, null, null, "staff.revoke", null)),
            ("by site + kind (tanger, SiteStaff)", new(null, null, "tanger", null, null, "SiteStaff", null, null)),
            ("20th page, unfiltered (cursor)", new(null, null, null, null, null, null, null, cursor!.Value.Token)),
        };
        var met = await MeasureAsync(app, views, cancellationToken);
        var first = await CaptureAsync(database.AppConnectionString, new AuditFilter(null, null, null, null, null, null), cancellationToken);
        var kindAction = await CaptureAsync(database.AppConnectionString, new AuditFilter(null, null, null, null, "Assignment", "assignment.transfer"), cancellationToken);
        await ExplainAsync(database.ConnectionString, "the unfiltered first page", first, cancellationToken);
        await ExplainAsync(database.ConnectionString, "kind + action", kindAction, cancellationToken);
        Console.WriteLine($"Target first page p95 ≤ {TargetMs} ms for every view: {(met ? "met" : "not met")}");
        return 0;
    }

    /// <summary>Reads each view <see cref="Rounds"/> times after <see cref="WarmUp"/> untimed reads; prints them; whether all met the target.</summary>
    private static async Task<bool> MeasureAsync(BenchmarkApp app, (string Name, AuditQuery Query)[] views, CancellationToken cancellationToken)
    {
        var met = true;
        Console.WriteLine();
        Console.WriteLine($"AuditTrailReader.ListAsync, {Rounds} runs each after {WarmUp} untimed (target p95 ≤ {TargetMs} ms):");
        foreach (var (name, query) in views)
        {
            var rows = 0;
            for (var i = 0; i < WarmUp; i++)
            {
                rows = (await ListAsync(app, query, cancellationToken)).Page.Rows.Count;
            }

            var timings = await Timings.TimeAsync(Rounds, _ => ListAsync(app, query, cancellationToken));
            var ok = Timings.Percentile(timings, 95) <= TargetMs;
            met &= ok;
            Console.WriteLine($"  {name,-52} {rows,2} rows  {Timings.Summary(timings)}  {(ok ? "met" : "NOT MET")}");
        }

        return met;
    }

    private static async Task ExplainAsync(string connectionString, string name, CapturedCommand statement, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of {name}:");
        Console.WriteLine(statement.Sql);
        Console.WriteLine(await BenchmarkSql.ExplainAsync(connectionString, statement.Sql, statement.Bind, cancellationToken));
        Console.WriteLine();
    }

    private static string Email(int user) => $"audit.user{user:000}@bench.technopark.ma";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<AuditListView> ListAsync(BenchmarkApp app, AuditQuery query, CancellationToken cancellationToken)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<AuditTrailReader>().ListAsync(query, scope: null, cancellationToken);
        if (!view.IsValid || view.Page.Rows.Count == 0)
        {
            throw new InvalidOperationException($"The view {query} is empty or refused: {string.Join(", ", view.Errors)}.");
        }

        return view;
    }

    /// <summary>
    /// Users, then the entries in batches: the instant grows with the id over the year, to the second;
    /// a site for 97 % of them (Tanger and Casablanca busier), a person for 95 % (a few very active), a (kind, action) drawn with
    /// weights close to the demo's, and small JSON before and after.
    /// </summary>
    private static async Task FillAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await BenchmarkSql.ExecuteAsync(connection, $"""
            INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, concurrency_stamp,
                phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, password_reset_required)
            SELECT 'bench-user-' || g, e, upper(e), e, upper(e), true, md5(g::text), md5(g::text), false, false, true, 0, false
            FROM generate_series(0, {Users - 1}) g, LATERAL (SELECT 'audit.user' || lpad(g::text, 3, '0') || '@bench.technopark.ma' AS e) x
            """, cancellationToken);
        for (var from = 0; from < Entries; from += Batch)
        {
            var started = Stopwatch.StartNew();
            await BenchmarkSql.ExecuteAsync(connection, $"""
                WITH kinds(n, kind, action) AS (VALUES
                    (0, 'Space', 'space.update'), (1, 'Assignment', 'assignment.create'), (2, 'Assignment', 'assignment.end'),
                    (3, 'Assignment', 'assignment.extend'), (4, 'Booking', 'booking.create'), (5, 'Booking', 'booking.cancel'),
                    (6, 'Application', 'application.submit'), (7, 'Application', 'application.review'), (8, 'Application', 'application.decide'),
                    (9, 'Invoice', 'invoice.issued'), (10, 'Payment', 'payment.recorded'), (11, 'EventRegistration', 'event-registration.cancel'),
                    (12, 'CoachingSession', 'coaching.session.logged'), (13, 'WaitingListEntry', 'waiting.add'), (14, 'Declaration', 'declaration.created'),
                    (15, 'SiteStaff', 'staff.grant'), (16, 'SiteStaff', 'staff.change'), (17, 'Assignment', 'assignment.transfer'),
                    (18, 'SiteStaff', 'staff.revoke'), (19, 'Space', 'space.create')),
                sites AS (SELECT array_agg(id ORDER BY (slug NOT IN ('tanger', 'casablanca')), id) AS ids FROM sites),
                rows AS (
                    SELECT g,
                           -- 17 draws of 20 cover the first 17 kinds; the last three are rarer (1 in 400 and fewer).
                           CASE WHEN g % 400 = 7 THEN 15 + (g / 400) % 5 ELSE (g * 7919) % 17 END AS k,
                           CASE WHEN g % 33 = 0 THEN NULL WHEN g % 5 = 0 THEN 1 + (g / 5) % 2 ELSE 1 + (g * 104729) % {BillingBenchmark.NetworkSites} END AS s,
                           CASE WHEN g % 20 = 0 THEN NULL WHEN g % 7 = 0 THEN (g / 7) % 10 ELSE (g * 15485863) % {Users} END AS u
                    FROM generate_series({from}::bigint, {Math.Min(from + Batch, Entries) - 1}) g)
                INSERT INTO audit_log (at, user_id, user_email, site_id, action, entity_type, entity_id, before, after)
                SELECT timestamptz '{YearStart:yyyy-MM-dd}T00:00:00Z' + floor(r.g::float8 / {Entries} * 365 * 86400) * interval '1 second',
                       CASE WHEN r.u IS NULL THEN NULL ELSE 'bench-user-' || r.u END,
                       CASE WHEN r.u IS NULL THEN NULL ELSE 'audit.user' || lpad(r.u::text, 3, '0') || '@bench.technopark.ma' END,
                       CASE WHEN r.s IS NULL THEN NULL ELSE (SELECT ids[r.s] FROM sites) END,
                       k.action, k.kind, (r.g % 50000)::text,
                       CASE WHEN r.g % 4 = 0 THEN NULL ELSE jsonb_build_object('seats', r.g % 9, 'rent', (r.g % 40) * 100, 'state', 'Draft') END,
                       jsonb_build_object('seats', (r.g + 1) % 9, 'rent', (r.g % 40) * 100, 'state', 'Submitted', 'note', 'Entrée ' || r.g)
                FROM rows r JOIN kinds k ON k.n = r.k
                """, cancellationToken);
            Console.WriteLine($"  {Math.Min(from + Batch, Entries):N0} entries ({started.Elapsed.TotalSeconds:0} s)");
        }

        await BenchmarkSql.ExecuteAsync(connection, "ANALYZE audit_log; ANALYZE \"AspNetUsers\"; ANALYZE sites", cancellationToken);
    }

    /// <summary>The statement EF Core sends for the first page of <paramref name="filter"/> (captured from a context of our own), to explain.</summary>
    private static async Task<CapturedCommand> CaptureAsync(string connectionString, AuditFilter filter, CancellationToken cancellationToken)
    {
        var capture = new CommandCapture();
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(connectionString).AddInterceptors(capture);
        await using var db = new TechnoparkDbContext(options.Options);
        await new AuditTrailReader(db, new Microsoft.AspNetCore.Identity.UpperInvariantLookupNormalizer())
            .PageAsync(filter, null, cancellationToken);
        return capture.Last ?? throw new InvalidOperationException("The first page sent no SQL command.");
    }
}
