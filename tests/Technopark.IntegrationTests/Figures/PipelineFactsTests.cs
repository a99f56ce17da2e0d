using Npgsql;
using NpgsqlTypes;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Figures.FactsSql;

namespace Technopark.IntegrationTests.Figures;

/// <summary>
/// The pipeline's pre-aggregated counts (<see cref="PipelineFacts"/>), kept by the database: after every kind of change to
/// applications, made as the app's role (draft, submission, review, decision, withdrawal, a back-dated submission, a move to
/// another site, a deletion, random batches), the tables equal a full rebuild and the pipeline read from them equals the
/// live computation on the applications, on days around every submission (block boundaries included). The app's role cannot
/// write them.
/// </summary>
public class PipelineFactsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Applicant = "pipeline-applicant";

    [Fact]
    public async Task Counts_AfterEveryKindOfChange_EqualARebuildAndTheLivePipeline()
    {
        var (sites, connection) = await ArrangeAsync();
        await using var _ = connection;
        var (tanger, oujda) = (sites[0], sites[1]);
        var days = new SortedSet<DateOnly> { new(2026, 6, 15), new(2026, 1, 31), new(2026, 2, 1) };

        var draft = await InsertAsync(connection, tanger, "Draft", null, null);
        await CheckAsync(connection, "a draft", days);

        // 23:30 UTC on 14 April is 15 April in Morocco (UTC+1 outside Ramadan): the day counted is Morocco's.
        var submittedAt = new DateTimeOffset(2026, 4, 14, 23, 30, 0, TimeSpan.Zero);
        days.UnionWith([new(2026, 4, 14), new(2026, 4, 15)]);
        await UpdateAsync(connection, draft, "state = 'Submitted', submitted_at = @at", submittedAt);
        await CheckAsync(connection, "a submission", days);

        await UpdateAsync(connection, draft, "state = 'UnderReview'", null);
        await CheckAsync(connection, "a review", days);

        await UpdateAsync(connection, draft, "state = 'Accepted', decided_at = @at", new DateTimeOffset(2026, 4, 30, 10, 0, 0, TimeSpan.Zero));
        await CheckAsync(connection, "a decision", days);

        var withdrawn = await InsertAsync(connection, tanger, "Submitted", new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero), null);
        await UpdateAsync(connection, withdrawn, "state = 'Withdrawn'", null);
        days.UnionWith([new(2026, 2, 9), new(2026, 2, 10)]);
        await CheckAsync(connection, "a withdrawal", days);

        var backDated = await InsertAsync(connection, oujda, "Rejected", new DateTimeOffset(2012, 7, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2012, 9, 9, 8, 0, 0, TimeSpan.Zero));
        days.UnionWith([new(2012, 6, 30), new(2012, 7, 1), new(2012, 9, 9)]);
        await CheckAsync(connection, "a back-dated decided application", days);

        await UpdateAsync(connection, backDated, "site_id = @site", null, tanger);
        await CheckAsync(connection, "a move to another site", days);

        await UpdateAsync(connection, backDated, "submitted_at = @at", new DateTimeOffset(2011, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await CheckAsync(connection, "a corrected submission day", days);

        await ExecuteAsync(connection, $"DELETE FROM applications WHERE id = {withdrawn}");
        await CheckAsync(connection, "a deletion", days);

        // Random batches on the first two sites (the hand-made case has the third): inserts over 16 years, then random moves
        // between states, sites and days.
        var random = new Random(1802);
        string[] states = ["Draft", "Submitted", "UnderReview", "Accepted", "Rejected", "Waitlisted", "Withdrawn"];
        var ids = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            var state = states[random.Next(states.Length)];
            var at = new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(16 * 365 * 24 * 60));
            DateTimeOffset? decided = state is "Accepted" or "Rejected" or "Waitlisted" && random.Next(10) != 0 ? at.AddHours(random.Next(24 * 120)) : null;
            ids.Add(await InsertAsync(connection, sites[random.Next(2)], state, state == "Draft" ? null : at, decided));
            if (i % 20 == 0)
            {
                var day = DateOnly.FromDateTime(at.UtcDateTime);
                days.UnionWith([day.AddDays(-1), day, day.AddDays(1)]);
            }
        }

        await CheckAsync(connection, "random inserts", days);
        foreach (var id in ids.Where(_ => random.Next(3) == 0))
        {
            await UpdateAsync(connection, id, $"state = '{states[1 + random.Next(states.Length - 1)]}', site_id = @site, submitted_at = submitted_at + make_interval(days => {random.Next(-40, 40)})",
                null, sites[random.Next(2)]);
        }

        await CheckAsync(connection, "random updates", days);
    }

    [Fact]
    public async Task Median_HandMadeDurations_IsTheMeanOfTheTwoMiddleWholeDays()
    {
        var (sites, connection) = await ArrangeAsync();
        await using var _ = connection;
        var site = sites[2];
        var day = new DateOnly(2024, 12, 31);
        var before = (await PipelineAsync(day)).SingleOrDefault(r => r.SiteId == site);

        // Decided after 1, 2, 10 and 11 Moroccan days (the hours do not count), and one open: median 6 days, 4 decided.
        foreach (var (submitted, decided) in new[] { ((7, 23), (8, 0)), ((3, 9), (5, 23)), ((10, 1), (20, 1)), ((1, 8), (12, 7)) })
        {
            await InsertAsync(connection, site, "Accepted", new DateTimeOffset(2024, 11, submitted.Item1, submitted.Item2, 0, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2024, 11, decided.Item1, decided.Item2, 0, 0, TimeSpan.FromHours(1)));
        }

        await InsertAsync(connection, site, "UnderReview", new DateTimeOffset(2024, 12, 30, 12, 0, 0, TimeSpan.Zero), null);
        Assert.Null(before);
        var row = (await PipelineAsync(day)).Single(r => r.SiteId == site);
        Assert.Equal((4, 1, 6.0), (row.Decided, row.UnderReview, row.MedianDays));

        // A fifth decision after 3 days: the median is the middle one, 3.
        await InsertAsync(connection, site, "Rejected", new DateTimeOffset(2024, 12, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 12, 4, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(3.0, (await PipelineAsync(day)).Single(r => r.SiteId == site).MedianDays);
    }

    [Theory]
    [InlineData("INSERT INTO pipeline_counts VALUES (5, 1, 1, 'Submitted', 1000)")]
    [InlineData("UPDATE pipeline_counts SET applications = applications + 1")]
    [InlineData("DELETE FROM pipeline_counts")]
    [InlineData("INSERT INTO pipeline_decision_days VALUES (5, 1, 1, 3, 1000)")]
    [InlineData("UPDATE pipeline_decision_days SET applications = 0")]
    [InlineData("DELETE FROM pipeline_decision_days")]
    [InlineData("SELECT pipeline_facts_add(1, 'Accepted', now(), now(), 1000)")]
    [InlineData("SELECT pipeline_facts_rebuild()")]
    [InlineData("TRUNCATE pipeline_counts")]
    public Task Counts_TheAppRole_CannotWriteThem(string sql)
        => FactsSql.AssertAppRoleRefusedAsync(app, sql);

    private async Task<(List<int> Sites, NpgsqlConnection Connection)> ArrangeAsync()
    {
        await using (var owner = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await owner.OpenAsync();
            await ExecuteAsync(owner, $"""
                INSERT INTO "AspNetUsers" (id, email, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES ('{Applicant}', 'pipeline.applicant@example.ma', true, false, false, true, 0) ON CONFLICT DO NOTHING
                """);
        }

        var connection = await FactsSql.OpenAsAppAsync(app);
        var sites = new List<int>();
        await using (var command = new NpgsqlCommand("SELECT id FROM sites ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sites.Add(reader.GetInt32(0));
            }
        }

        return (sites, connection);
    }

    /// <summary>The tables equal a rebuild (rows of zero aside), and the pipeline read from them equals the live one on every day.</summary>
    private async Task CheckAsync(NpgsqlConnection connection, string change, IEnumerable<DateOnly> days)
    {
        foreach (var table in new[] { PipelineFacts.CountsTable, PipelineFacts.DecisionDaysTable })
        {
            await using var command = new NpgsqlCommand($"""
                SELECT count(*)::int FROM (
                    (SELECT * FROM {table} WHERE applications <> 0 EXCEPT SELECT * FROM {table}_live)
                    UNION ALL
                    (SELECT * FROM {table}_live EXCEPT SELECT * FROM {table} WHERE applications <> 0)) d
                """, connection);
            Assert.True((int)(await command.ExecuteScalarAsync())! == 0, $"after {change}: {table} differs from a rebuild");
        }

        await using var db = app.Database.CreateContext();
        var queries = new NetworkQueries(db);
        foreach (var day in days)
        {
            var kept = await queries.PipelineAsync(day, CancellationToken.None);
            var live = await queries.PipelineLiveAsync(day, CancellationToken.None);
            Assert.True(kept.SequenceEqual(live), $"after {change}, on {day:yyyy-MM-dd}: {string.Join(" | ", kept)} instead of {string.Join(" | ", live)}");
            var (_, together) = await queries.SitesAndPipelineAsync(day, CancellationToken.None); // /hq's one round trip
            Assert.True(together.SequenceEqual(live), $"after {change}, on {day:yyyy-MM-dd}, read with the sites: {string.Join(" | ", together)} instead of {string.Join(" | ", live)}");
        }
    }

    private async Task<IReadOnlyList<PipelineRow>> PipelineAsync(DateOnly day)
    {
        await using var db = app.Database.CreateContext();
        return await new NetworkQueries(db).PipelineAsync(day, CancellationToken.None);
    }

    private static async Task<int> InsertAsync(NpgsqlConnection connection, int site, string state, DateTimeOffset? submitted, DateTimeOffset? decided)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO applications (applicant_id, site_id, programme, state, created_at, updated_at, submitted_at, decided_at)
            VALUES (@applicant, @site, 'Incubation', @state, @created, @created, @submitted, @decided) RETURNING id
            """, connection);
        command.Parameters.AddWithValue("applicant", Applicant);
        command.Parameters.AddWithValue("site", site);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.AddWithValue("created", (submitted ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("submitted", NpgsqlDbType.TimestampTz) { Value = (object?)submitted?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("decided", NpgsqlDbType.TimestampTz) { Value = (object?)decided?.ToUniversalTime() ?? DBNull.Value });
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static async Task UpdateAsync(NpgsqlConnection connection, int id, string set, DateTimeOffset? at, int? site = null)
    {
        await using var command = new NpgsqlCommand($"UPDATE applications SET {set} WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = (object?)at ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("site", NpgsqlDbType.Integer) { Value = (object?)site ?? DBNull.Value });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
