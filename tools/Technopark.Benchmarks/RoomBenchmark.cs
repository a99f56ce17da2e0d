using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;

namespace Technopark.Benchmarks;

/// <summary>
/// Times the rooms' day view and the booking POST of a site with 30 rooms and three years of bookings through the
/// real app on Kestrel, and the day's bookings statement run directly with Npgsql (the floor). Any answer other than
/// the expected one (200 with booking blocks for the day view, 302 to the day view for a booking) stops it loudly.
/// </summary>
internal static partial class RoomBenchmark
{
    private const int DayViews = 300;
    private const int Bookings = 200;
    private const int WarmUp = 30;
    private const int BookingWarmUp = 10;
    private const double DayViewTargetMs = 100, BookingTargetMs = 50;
    private const int CommandsTarget = 5;
    private const string Slug = "tanger";
    private const string DayViewPath = "/sites/" + Slug + "/rooms";
    private const string BookPath = "/sites/" + Slug + "/rooms/book";
    private const string PostedTitle = "Benchmark";

    /// <summary>Days of the day views, relative to today: deep history, last weeks, today, the coming weeks, next year.</summary>
    private static readonly int[] DayOffsets = [-700, -540, -365, -200, -90, -31, -7, -1, 0, 1, 2, 3, 7, 14, 30, 60, 120, 250, 330];

    /// <summary>
    /// The statement a day view needs at least: the live bookings holding the site's rooms that day
    /// (<see cref="BookingFilters.Holding"/>: its lower bound on the start keeps the (site, start) index range short).
    /// </summary>
    private const string DaySql = """
        SELECT b.id, b.space_id, b.starts_at, b.ends_at, b.blocked_until, b.attendees, b.title, b.party_kind, b.company_id, b.external_name
        FROM room_bookings AS b
        WHERE b.site_id = @siteId AND b.cancelled_at IS NULL AND b.starts_at < @to AND b.starts_at >= @earliest AND b.blocked_until > @from
        """;

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine("Rooms benchmark: preparing a fresh database…");
        await using var database = await TestDatabase.CreateAsync();
        var today = SiteTime.DayOf(TimeProvider.System.GetUtcNow());
        var fillTime = Stopwatch.StartNew();
        var fill = await RoomData.FillAsync(database.ConnectionString, Slug, today, cancellationToken);
        Console.WriteLine($"Filled in {fillTime.Elapsed.TotalSeconds:0.0} s (binary COPY + ANALYZE): {fill.Rooms} rooms, {fill.Companies} companies, "
            + $"{fill.Bookings:N0} bookings ({fill.Cancelled:N0} cancelled) from {today.AddDays(-RoomData.DaysBack):yyyy-MM-dd} to {today.AddDays(RoomData.DaysAhead - 1):yyyy-MM-dd}.");
        var days = DayOffsets.Select(today.AddDays).ToArray();

        // The floor first: it needs no page, so it is printed even where the pages answer 404.
        int siteId;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            siteId = await BenchmarkSql.SiteIdAsync(connection, Slug, cancellationToken);
        }

        var (raw, rows) = await BenchmarkSql.TimeAsync(database.ConnectionString, DaySql, WarmUp, DayViews,
            (command, round) => Bind(command, siteId, days[round % days.Length]), cancellationToken);
        var plan = await BenchmarkSql.ExplainAsync(database.ConnectionString, DaySql, command => Bind(command, siteId, today.AddDays(1)), cancellationToken);
        var rawP95 = Timings.Percentile(raw, 95);
        Console.WriteLine($"Raw day SQL ({rows} bookings on {days[(WarmUp + DayViews - 1) % days.Length]:yyyy-MM-dd}) p50 {Timings.Percentile(raw, 50):0.00} ms | p95 {rawP95:0.00} ms");
        Console.WriteLine($"EXPLAIN ANALYZE of the day's bookings statement on {today.AddDays(1):yyyy-MM-dd}:");
        Console.WriteLine(plan);
        Console.WriteLine();

        // The app as in production: the least-privilege role, Release build, Kestrel, real sign-in cookies.
        await using var app = BenchmarkApp.Start(database.AppConnectionString);
        using var resident = await app.SignInAsync(Persona.CompanyOwner);
        using var manager = await app.SignInAsync(Persona.ManagerTanger);
        var companyId = (await Personas.CompaniesAsync(app.Factory)).Resident;

        var views = new List<(string Who, double[] Timings, double Commands)>();
        foreach (var (who, client, seesAll) in new[] { ("resident", resident, false), ("manager", manager, true) })
        {
            for (var i = 0; i < WarmUp; i++)
            {
                await GetDayViewAsync(client, days[i % days.Length], seesAll, cancellationToken);
            }

            app.Counter.Reset();
            var timings = await Timings.TimeAsync(DayViews, i => GetDayViewAsync(client, days[i % days.Length], seesAll, cancellationToken));
            views.Add((who, timings, app.Counter.For(DayViewPath) / (double)DayViews));
        }

        // Booking POSTs: each a distinct free hour of the coming days (the generator's gaps), for the resident's company,
        // with the antiforgery token of one GET of the form (a token stays valid for the session, as in a browser).
        var gaps = fill.FutureGaps.Take(BookingWarmUp + Bookings).ToList();
        if (gaps.Count < BookingWarmUp + Bookings)
        {
            throw new InvalidOperationException($"The data has only {gaps.Count} free future slots; {BookingWarmUp + Bookings} are needed.");
        }

        var token = await FormTokenAsync(resident, gaps[0], cancellationToken);
        for (var i = 0; i < BookingWarmUp; i++)
        {
            await PostBookingAsync(resident, token, companyId, gaps[i], cancellationToken);
        }

        app.Counter.Reset();
        var posts = await Timings.TimeAsync(Bookings, i => PostBookingAsync(resident, token, companyId, gaps[BookingWarmUp + i], cancellationToken));
        var postCommands = app.Counter.For(BookPath) / (double)Bookings;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            var saved = await BenchmarkSql.ScalarAsync<long>(connection,
                $"SELECT count(*) FROM room_bookings WHERE title = '{PostedTitle}' AND party_kind = 'Company' AND company_id = {companyId} AND cancelled_at IS NULL",
                cancellationToken);
            if (saved != BookingWarmUp + Bookings)
            {
                throw new InvalidOperationException($"{BookingWarmUp + Bookings} booking POSTs answered 302 but {saved} bookings were saved.");
            }
        }

        var dayP95 = views.Max(v => Timings.Percentile(v.Timings, 95));
        var commands = views.Max(v => v.Commands);
        var postP95 = Timings.Percentile(posts, 95);
        Console.WriteLine();
        Console.WriteLine($"Site '{Slug}': {fill.Rooms} rooms, {fill.Bookings:N0} bookings; {days.Length} days, {DayViews} day-view GETs per person after {WarmUp} "
            + $"warm-up GETs; {Bookings} booking POSTs after {BookingWarmUp} ({Environment.ProcessorCount} cores)");
        foreach (var (who, timings, perRequest) in views)
        {
            Console.WriteLine($"Day view GET ({who,-8})  {Timings.Summary(timings)} | SQL commands per request {perRequest:0.##}");
        }

        Console.WriteLine($"Booking POST (resident)  {Timings.Summary(posts)} | SQL commands per request {postCommands:0.##}");
        Console.WriteLine($"Raw day SQL p50 {Timings.Percentile(raw, 50):0.00} ms | p95 {rawP95:0.00} ms; ratio day view p95 / raw SQL p95: {dayP95 / rawP95:0.0}");
        Console.WriteLine("(SQL commands: EF Core commands counted by an interceptor per request path, as in the board benchmark; the session check included.)");
        Console.WriteLine($"Target day view p95 ≤ {DayViewTargetMs} ms: {(dayP95 <= DayViewTargetMs ? "met" : "not met")}");
        Console.WriteLine($"Target booking POST p95 ≤ {BookingTargetMs} ms: {(postP95 <= BookingTargetMs ? "met" : "not met")}");
        Console.WriteLine($"Target ≤ {CommandsTarget} SQL commands per day view: {(commands <= CommandsTarget ? "met" : "not met")}");
        return 0;
    }

    private static void Bind(NpgsqlCommand command, int siteId, DateOnly day)
    {
        var from = SiteTime.StartOf(day);
        command.Parameters.AddWithValue("siteId", siteId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", SiteTime.StartOf(day.AddDays(1)));
        command.Parameters.AddWithValue("earliest", from - BookingFilters.LongestHold);
    }

    /// <summary>GETs a day view; <paramref name="seesAll"/> (staff): it must show booking blocks, as every room has bookings every day of the data.</summary>
    private static async Task GetDayViewAsync(HttpClient client, DateOnly day, bool seesAll, CancellationToken cancellationToken)
    {
        var url = $"{DayViewPath}?day={Iso(day)}";
        using var response = await client.GetAsync(url, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.StatusCode}, not 200.");
        }

        if (seesAll && !html.Contains("data-booking=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {url} answered 200 without any booking block ([data-booking]).");
        }
    }

    private static async Task<string> FormTokenAsync(HttpClient client, FreeGap gap, CancellationToken cancellationToken)
    {
        var url = $"{BookPath}?space={gap.SpaceId}&day={Iso(gap.Day)}&start={Booking.Clock(gap.StartMinute)}&end={Booking.Clock(gap.StartMinute + gap.Minutes)}";
        using var response = await client.GetAsync(url, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? Personas.Token(html)
            : throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.StatusCode}, not 200.");
    }

    private static async Task PostBookingAsync(HttpClient client, string token, int companyId, FreeGap gap, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SpaceId"] = Number(gap.SpaceId),
            ["Input.Day"] = Iso(gap.Day),
            ["Input.Start"] = Booking.Clock(gap.StartMinute),
            ["Input.End"] = Booking.Clock(gap.StartMinute + gap.Minutes),
            ["Input.Attendees"] = "2",
            ["Input.Title"] = PostedTitle,
            ["Input.Party"] = nameof(BookingPartyKind.Company),
            ["Input.CompanyId"] = Number(companyId),
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(BookPath, form, cancellationToken);
        var expected = $"{DayViewPath}?day={Iso(gap.Day)}";
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        if (response.StatusCode != HttpStatusCode.Redirect || !location.StartsWith(expected, StringComparison.Ordinal))
        {
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            var errors = FieldError().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim())).Where(e => e.Length > 0);
            throw new InvalidOperationException($"POST {BookPath} (room {gap.SpaceId}, {Iso(gap.Day)} {Booking.Clock(gap.StartMinute)}) answered "
                + $"{(int)response.StatusCode} {response.StatusCode} to '{location}', not 302 to {expected}. Field messages: {string.Join(" | ", errors)}");
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("field-validation-error[^>]*>([^<]*)<")]
    private static partial Regex FieldError();
}
