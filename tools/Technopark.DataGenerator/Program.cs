using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Infrastructure.Identity;

// Usage:
//   generate [scale=1.0]                 100x the demo at scale 1 (90 sites, 60,000 spaces, 150,000 companies, 2,000,000 assignments, 300,000 applications)
//   bench <baseUrl> <webPid> <yyyy-MM-dd> [requests=40]
// Database: ConnectionStrings__Technopark.
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Technopark")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Technopark.");
return args.FirstOrDefault() switch
{
    "generate" => await Generator.RunAsync(connectionString, args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0),
    "bench" => await Bench.RunAsync(connectionString, args[1], int.Parse(args[2], CultureInfo.InvariantCulture), DateOnly.ParseExact(args[3], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 40),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("generate [scale] | bench <baseUrl> <webPid> <yyyy-MM-dd> [requests]");
    return 2;
}

internal static class Generator
{
    public const string AdminEmail = "bench.hq@technopark.ma";
    public const string AdminPassword = "Bench-Technopark-2026";

    public static async Task<int> RunAsync(string connectionString, double scale)
    {
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(connectionString);
        await using (var db = new TechnoparkDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }

        // No command timeout on the import connection: on a busy machine PostgreSQL can take longer than Npgsql's default 30 s
        // to acknowledge a COPY of millions of rows, and NpgsqlBinaryImporter.Complete then failed with "Timeout during reading attempt".
        // The importers inherit the connection's timeout (0 = none).
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, "TRUNCATE applications, waiting_list, declarations, assignments, companies, spaces RESTART IDENTITY CASCADE");
        var random = new Random(2026);
        int Scaled(int n) => Math.Max(1, (int)(n * scale));

        // Sites: the reference ones plus generated operational sites up to 90.
        await ExecAsync(connection, """
            INSERT INTO sites (slug, name, city, region, status, opened_on, focus_sectors, partners, service_codes)
            SELECT 'gen-' || g, 'Technopark Gen ' || g, 'Ville ' || g, 'Région', 'Operational', date '2001-01-01' + (g * 90)::int, '{}'::text[], '{}'::text[], '{}'::text[]
            FROM generate_series(1, (90 - (SELECT count(*) FROM sites))::int) g
            ON CONFLICT DO NOTHING
            """);
        var siteIds = new List<int>();
        await using (var cmd = new NpgsqlCommand("SELECT id FROM sites WHERE status = 'Operational' ORDER BY id", connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                siteIds.Add(reader.GetInt32(0));
            }
        }

        // Spaces: 9 offices for 1 coworking space (10 seats), about 2% inactive.
        var spaces = Scaled(60_000);
        var spaceSite = new int[spaces];
        var spaceKind = new bool[spaces]; // true = office
        await using (var copy = await connection.BeginBinaryImportAsync("COPY spaces (site_id, code, kind, floor, seats, is_active, area_square_meters, monthly_rate) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < spaces; i++)
            {
                spaceSite[i] = siteIds[i % siteIds.Count];
                spaceKind[i] = i % 10 != 0;
                await copy.StartRowAsync();
                await copy.WriteAsync(spaceSite[i], NpgsqlDbType.Integer);
                await copy.WriteAsync($"G-{i}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(spaceKind[i] ? "Office" : "Coworking", NpgsqlDbType.Varchar);
                await copy.WriteAsync(i % 5, NpgsqlDbType.Integer);
                await copy.WriteAsync(spaceKind[i] ? 1 : 10, NpgsqlDbType.Integer);
                await copy.WriteAsync(random.Next(50) != 0, NpgsqlDbType.Boolean);
                await copy.WriteAsync(20m, NpgsqlDbType.Numeric);
                await copy.WriteAsync(2500m, NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync();
        }

        // Companies: three quarters have left (graduated, closed, relocated) at some point in the 25 years.
        var companies = Scaled(150_000);
        var firstSpace = await ScalarAsync(connection, "SELECT min(id) FROM spaces");
        var firstCompany = await ScalarAsync(connection, "SELECT coalesce(max(id), 0) + 1 FROM companies");
        var start = new DateOnly(2001, 1, 1);
        var end = new DateOnly(2026, 12, 31);
        var span = end.DayNumber - start.DayNumber;
        string[] reasons = ["Graduated", "Graduated", "Graduated", "Closed", "Relocated"];
        await using (var copy = await connection.BeginBinaryImportAsync("COPY companies (site_id, legal_name, form, sector, exit_reason, exited_on) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < companies; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(siteIds[i % siteIds.Count], NpgsqlDbType.Integer);
                await copy.WriteAsync($"Entreprise générée {i}", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Startup", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Digital", NpgsqlDbType.Varchar);
                if (random.Next(4) != 0)
                {
                    await copy.WriteAsync(reasons[random.Next(reasons.Length)], NpgsqlDbType.Varchar);
                    await copy.WriteAsync(start.AddDays(random.Next(span)), NpgsqlDbType.Date);
                }
                else
                {
                    await copy.WriteNullAsync();
                    await copy.WriteNullAsync();
                }
            }

            await copy.CompleteAsync();
        }

        // Assignments: per space, consecutive stays of 2-18 months with gaps of 0-3 months, from 2001 to today (the last open-ended).
        var assignments = Scaled(2_000_000);
        var perSpace = Math.Max(1, assignments / spaces);
        var written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY assignments (site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent) FROM STDIN (FORMAT BINARY)"))
        {
            for (var s = 0; s < spaces && written < assignments; s++)
            {
                var day = start.AddDays(random.Next(400));
                var stayLength = Math.Max(30, (end.DayNumber - day.DayNumber) / perSpace);
                for (var k = 0; k < perSpace && written < assignments; k++)
                {
                    var length = random.Next(stayLength / 2, stayLength * 3 / 2);
                    var last = k == perSpace - 1 && random.Next(3) == 0;
                    DateOnly? until = last ? null : day.AddDays(Math.Max(1, length));
                    await copy.StartRowAsync();
                    await copy.WriteAsync(spaceSite[s], NpgsqlDbType.Integer);
                    await copy.WriteAsync(firstSpace + s, NpgsqlDbType.Integer);
                    await copy.WriteAsync(firstCompany + random.Next(companies), NpgsqlDbType.Integer);
                    await copy.WriteAsync(spaceKind[s] ? 1 : 1 + random.Next(3), NpgsqlDbType.Integer);
                    await copy.WriteAsync(spaceKind[s], NpgsqlDbType.Boolean);
                    await copy.WriteAsync(day, NpgsqlDbType.Date);
                    if (until is { } u)
                    {
                        await copy.WriteAsync(u, NpgsqlDbType.Date);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }

                    await copy.WriteAsync(2500m, NpgsqlDbType.Numeric);
                    written++;
                    if (until is null)
                    {
                        break;
                    }

                    day = until.Value.AddDays(random.Next(90));
                }
            }

            await copy.CompleteAsync();
        }

        // Yearly declarations: two per company (one in five only declared, not validated yet); waiting list; applications by one generated applicant.
        await ExecAsync(connection, """
            INSERT INTO declarations (company_id, year, quarter, status, declared_by, declared_at, validated_by, validated_at,
                headcount, revenue, funds_grant, funds_loan, funds_equity, funds_prize, still_active,
                declared_headcount, declared_revenue, declared_funds_grant, declared_funds_loan, declared_funds_equity, declared_funds_prize, declared_still_active)
            SELECT c.id, y, NULL, CASE WHEN (c.id + y) % 5 = 0 THEN 'Declared' ELSE 'Validated' END, 'gen', now(),
                   CASE WHEN (c.id + y) % 5 = 0 THEN NULL ELSE 'gen' END, CASE WHEN (c.id + y) % 5 = 0 THEN NULL ELSE now() END,
                   h, r, f, 0, 0, 0, (c.id + y) % 17 <> 0, h, r, f, 0, 0, 0, (c.id + y) % 17 <> 0
            FROM companies c, (VALUES (2019), (2024)) v(y),
                 LATERAL (SELECT 1 + (c.id * 7 + y) % 25 AS h, ((c.id * 13 + y) % 5000) * 1000 AS r, ((c.id * 3 + y) % 7) * 10000 AS f) x
            """);
        await ExecAsync(connection, $"""
            INSERT INTO waiting_list (site_id, company_id, wanted_kind, wanted_seats, since, priority, removed_on)
            SELECT c.site_id, c.id, 'Office', 1, date '2020-01-01' + (c.id % 2400), 3, CASE WHEN c.id % 3 = 0 THEN NULL ELSE date '2020-01-01' + (c.id % 2400) + 60 END
            FROM companies c WHERE c.id % 5 = 0;
            INSERT INTO "AspNetUsers" (id, email, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ('gen-applicant', 'gen.applicant@technopark.ma', true, false, false, true, 0) ON CONFLICT DO NOTHING;
            INSERT INTO applications (applicant_id, site_id, programme, state, created_at, updated_at, submitted_at, decided_at)
            SELECT 'gen-applicant', c.site_id, 'Incubation', st.state, ts, ts, ts, CASE WHEN st.state IN ('Accepted','Rejected','Waitlisted') THEN ts + make_interval(days => 1 + g % 60) END
            FROM generate_series(1, {Scaled(300_000)}) g
            JOIN companies c ON c.id = {firstCompany} + g % {companies}
            CROSS JOIN LATERAL (SELECT (ARRAY['Draft','Submitted','UnderReview','Accepted','Rejected','Waitlisted','Withdrawn'])[1 + g % 7] AS state) st
            CROSS JOIN LATERAL (SELECT timestamptz '2005-01-01' + make_interval(days => g % 7800) AS ts) t;
            """);
        await EnsureAdminAsync(connection);
        await ExecAsync(connection, "VACUUM ANALYZE");
        Console.WriteLine($"Generated {siteIds.Count} operational sites, {spaces:N0} spaces, {companies:N0} companies, {written:N0} assignments, {Scaled(300_000):N0} applications in {clock.Elapsed.TotalSeconds:N0} s.");
        return 0;
    }

    /// <summary>The NetworkAdmin the benchmark signs in as.</summary>
    private static async Task EnsureAdminAsync(NpgsqlConnection connection)
    {
        var user = new ApplicationUser { Id = "bench-hq", UserName = AdminEmail, Email = AdminEmail };
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(user, AdminPassword);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO "AspNetRoles" (id, name, normalized_name, concurrency_stamp) VALUES ('role-networkadmin', 'NetworkAdmin', 'NETWORKADMIN', 'x') ON CONFLICT DO NOTHING;
            DELETE FROM "AspNetUsers" WHERE id = 'bench-hq';
            INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp,
                                       phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ('bench-hq', @email, upper(@email), @email, upper(@email), true, @hash, 'BENCHSTAMP', 'x', false, false, true, 0);
            INSERT INTO "AspNetUserRoles" (user_id, role_id) SELECT 'bench-hq', id FROM "AspNetRoles" WHERE normalized_name = 'NETWORKADMIN';
            """, connection);
        cmd.Parameters.AddWithValue("email", AdminEmail);
        cmd.Parameters.AddWithValue("hash", hash);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

internal static partial class Bench
{
    public static async Task<int> RunAsync(string connectionString, string baseUrl, int webPid, DateOnly on, int requests)
    {
        var iso = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var login = await client.GetStringAsync("/Identity/Account/Login");
        var token = WebUtility.HtmlDecode(Token().Match(login).Groups[1].Value);
        using var signIn = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Generator.AdminEmail, ["Input.Password"] = Generator.AdminPassword, ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)signIn.StatusCode}");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Console.WriteLine($"HQ benchmark on {iso}: 5 uncached days per endpoint, then {requests} requests of one day (per-day cache)");
        Console.WriteLine($"{"endpoint",-30} {"uncached p50",12} {"cached p50",10} {"cached p95",10} {"SQL/req",8} {"floor p50",9} {"ratio",6}");
        string[] paths = ["/hq?on=", "/hq/trend?on=", "/api/v1/occupancy?on="];
        foreach (var path in paths)
        {
            await TimeAsync(client, path + on.AddYears(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); // warm-up (JIT, EF model), another day
        }

        (string Url, string Sql)[] endpoints =
        [
            ($"/hq?on={iso}", NetworkQueries.SitesOnDaySql + ";" + NetworkQueries.PipelineSql),
            ($"/hq/trend?on={iso}", NetworkQueries.SitesOnDaySql + ";" + NetworkQueries.TrendSql),
            ($"/api/v1/occupancy?on={iso}", NetworkQueries.SitesOnDaySql),
        ];
        foreach (var ((url, sql), index) in endpoints.Select((e, i) => (e, i)))
        {
            // Uncached: five days not asked before. SQL commands: committed transactions over those five requests
            // (the outbox sender is idle during the benchmark, see benchmark-hq.sh).
            // Days of their own per endpoint: the per-day cache is shared between the pages and the API.
            var days = Enumerable.Range(1, 5).Select(d => on.AddDays(-(index * 35) - (d * 7))).ToList();
            var before = await TransactionsAsync(connection);
            var uncached = new List<double>();
            foreach (var day in days)
            {
                uncached.Add(await TimeAsync(client, url.Replace(iso, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)));
            }

            var commands = (await TransactionsAsync(connection) - before - 1) / (double)days.Count; // minus our own counting query
            var times = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                times.Add(await TimeAsync(client, url));
            }

            var floors = new List<double>();
            foreach (var day in days)
            {
                floors.Add(await FloorAsync(connection, sql, day));
            }

            times.Sort();
            var p50 = Median(times);
            var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
            var (uncachedP50, floorP50) = (Median(uncached), Median(floors));
            Console.WriteLine($"{url,-30} {uncachedP50,12:N1} {p50,10:N1} {p95,10:N1} {commands,8:N1} {floorP50,9:N1} {uncachedP50 / floorP50,6:N2}");
        }

        var peak = File.ReadAllLines($"/proc/{webPid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine($"web process peak working set: {peak["VmHWM:".Length..].Trim()}");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<double> TimeAsync(HttpClient client, string url)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The same statements run bare with Npgsql for the same day (best of two runs): what the database alone needs.</summary>
    private static async Task<double> FloorAsync(NpgsqlConnection connection, string sql, DateOnly on)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 2; i++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await using var cmd = new NpgsqlCommand(statement, connection);
                cmd.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = on });
                if (statement.Contains("@site", StringComparison.Ordinal))
                {
                    cmd.Parameters.Add(NetworkQueries.Site(null));
                }

                if (statement.Contains("@ending_within", StringComparison.Ordinal))
                {
                    cmd.Parameters.Add(NetworkQueries.EndingWithin());
                }
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            }

            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    /// <summary>Committed transactions of the database: each autocommitted SQL command of the app is one.</summary>
    private static async Task<long> TransactionsAsync(NpgsqlConnection connection)
    {
        await Task.Delay(1500); // backends report their statistics at most once a second
        await using var cmd = new NpgsqlCommand("SELECT pg_stat_clear_snapshot(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
