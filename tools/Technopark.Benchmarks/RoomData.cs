using Npgsql;
using NpgsqlTypes;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;

namespace Technopark.Benchmarks;

/// <summary>A free slot the benchmark may book: <see cref="Minutes"/> minutes from <see cref="StartMinute"/> in a room, that day.</summary>
internal sealed record FreeGap(int SpaceId, DateOnly Day, int StartMinute, int Minutes);

/// <summary>What <see cref="RoomData.FillAsync"/> made.</summary>
internal sealed record RoomFill(int Rooms, int Companies, int Bookings, int Cancelled, IReadOnlyList<FreeGap> FutureGaps);

/// <summary>
/// Fills one site with shared rooms and three years of bookings around today (two years back, one ahead) in a few
/// seconds with binary COPY: 30 meeting, training and conference rooms open 07:00–22:00 every day with a 15-minute
/// cleaning buffer, and for each room and day a sequence of bookings of 30 minutes to 4 hours separated by their buffer
/// and random gaps (so the database's exclusion constraint accepts them all), for resident companies (the persona
/// company <see cref="Personas.ResidentCompany"/> among them), the site itself or external organisations; about one
/// in twenty is cancelled. Deterministic (fixed seed) relative to today. Records the first free gap of each future day
/// of each room, for the booking POSTs.
/// </summary>
internal static class RoomData
{
    public const int MeetingRooms = 20, TrainingRooms = 8, ConferenceRooms = 2;
    public const int Companies = 300;
    public const int Opens = 7 * 60, Closes = 22 * 60, BufferMinutes = RoomSettings.DefaultBufferMinutes, IncludedHours = 10;
    public const int DaysBack = 730, DaysAhead = 365;

    /// <summary>The length of the bookings the benchmark POSTs (the gaps recorded fit it with the buffer).</summary>
    public const int GapMinutes = 60;

    /// <summary>The space kinds booked by the hour (<see cref="RoomSettings.IsRoom"/>), as an SQL list.</summary>
    private static readonly string RoomKinds = string.Join(", ", Enum.GetValues<SpaceKind>().Where(RoomSettings.IsRoom).Select(k => $"'{k}'"));

    private static readonly int[] Lengths = [30, 45, 60, 60, 60, 90, 90, 120, 120, 180, 240];
    private static readonly int[] Gaps = [0, 0, 0, 0, 15, 15, 30, 30, 45, 60, 90];
    private static readonly string[] Titles = ["Réunion d'équipe", "Point client", "Formation", "Entretien", "Atelier produit", "Comité", "Démo"];

    public static async Task<RoomFill> FillAsync(string connectionString, string slug, DateOnly today, CancellationToken cancellationToken)
    {
        var random = new Random(14);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var siteId = await BenchmarkSql.SiteIdAsync(connection, slug, cancellationToken);

        var rooms = MeetingRooms + TrainingRooms + ConferenceRooms;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY spaces (site_id, code, kind, floor, area_square_meters, seats, monthly_rate, is_active) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < rooms; i++)
            {
                var (code, kind, seats) = i < MeetingRooms ? ($"BR-{i + 1:00}", SpaceKind.MeetingRoom, random.Next(6, 17))
                    : i < MeetingRooms + TrainingRooms ? ($"BT-{i - MeetingRooms + 1:00}", SpaceKind.TrainingRoom, random.Next(20, 41))
                    : ($"BC-{i - MeetingRooms - TrainingRooms + 1:00}", SpaceKind.ConferenceRoom, random.Next(100, 201));
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(siteId, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(code, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(i % 4, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(seats * 2.5m, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(seats, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var spaces = await BenchmarkSql.ListAsync(connection,
            $"SELECT id, seats FROM spaces WHERE site_id = {siteId} AND kind IN ({RoomKinds}) ORDER BY id",
            r => (Id: r.GetInt32(0), Seats: r.GetInt32(1)), cancellationToken);

        // Rooms of the reference data (if any) get the benchmark's settings too: one shape for every room of the site.
        await BenchmarkSql.ExecuteAsync(connection, $"DELETE FROM room_settings WHERE space_id IN (SELECT id FROM spaces WHERE site_id = {siteId})",
            cancellationToken);
        var everyDay = Enumerable.Repeat(new[] { Opens, Closes }, 7).SelectMany(d => d).ToArray();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY room_settings (space_id, equipment, opening_minutes, min_booking_minutes, max_booking_minutes, buffer_minutes, cancellation_notice_minutes, "
            + "hour_rate, half_day_rate, day_rate, vat_percent, included_hours_per_month, feed_token) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var space in spaces)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(space.Id, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync((int)RoomEquipments.All[random.Next(RoomEquipments.All.Count)] | (int)RoomEquipment.Screen, NpgsqlDbType.Integer,
                    cancellationToken);
                await copy.WriteAsync(everyDay, NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(RoomSettings.DefaultMinMinutes, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(RoomSettings.DefaultMaxMinutes, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(BufferMinutes, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(RoomSettings.DefaultNoticeMinutes, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(200m + space.Seats * 5, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(700m + space.Seats * 15, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(1200m + space.Seats * 25, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(RoomSettings.DefaultVatPercent, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(IncludedHours, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(TestRooms.Token(), NpgsqlDbType.Varchar, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await BenchmarkSql.CopyCompaniesAsync(connection, siteId,
            Enumerable.Range(1, Companies - 1).Select(i => $"Salles Entreprise {i:000}").Prepend(Personas.ResidentCompany), cancellationToken);
        var companyIds = await BenchmarkSql.ListAsync(connection, $"SELECT id FROM companies WHERE site_id = {siteId} ORDER BY id", r => r.GetInt32(0),
            cancellationToken);
        var residentId = await BenchmarkSql.ScalarAsync<int>(connection,
            $"SELECT id FROM companies WHERE legal_name = '{Personas.ResidentCompany.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);

        var bookings = 0;
        var cancelled = 0;
        var gaps = new List<FreeGap>();
        var first = today.AddDays(-DaysBack);
        var generatedAt = SiteTime.StartOf(today); // the data's "now": nothing was created or cancelled after it
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY room_bookings (site_id, space_id, starts_at, ends_at, blocked_until, attendees, title, party_kind, company_id, external_name, "
            + "external_contact, external_ice, booked_by, created_at, cancelled_at, cancelled_by, cancelled_late, no_show) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var day = first; day < today.AddDays(DaysAhead); day = day.AddDays(1))
            {
                foreach (var space in spaces)
                {
                    var gapRecorded = day <= today.AddDays(1); // the POSTs book from the day after tomorrow on: always in the future
                    var free = Opens; // where the room is free from (the previous booking's buffer ended)
                    var cursor = Opens + Pick(random, Gaps) * 2;
                    while (true)
                    {
                        var minutes = Pick(random, Lengths);
                        if (cursor + minutes > Closes)
                        {
                            break;
                        }

                        if (!gapRecorded && cursor - free >= GapMinutes + BufferMinutes)
                        {
                            gaps.Add(new FreeGap(space.Id, day, free, GapMinutes));
                            gapRecorded = true;
                        }

                        var start = SiteTime.Instant(day, cursor, SkippedTime.MoveLater);
                        var end = SiteTime.Instant(day, cursor + minutes, SkippedTime.MoveLater);
                        var blockedUntil = end.AddMinutes(BufferMinutes);
                        var party = random.Next(20);
                        var kind = party < 15 ? BookingPartyKind.Company : party < 17 ? BookingPartyKind.Site : BookingPartyKind.External;
                        // The persona's company books about one company booking in 25, so that its month has used and billable hours.
                        int? companyId = kind == BookingPartyKind.Company ? (random.Next(25) == 0 ? residentId : companyIds[random.Next(companyIds.Count)]) : null;
                        var created = Min(start.AddDays(-random.Next(1, 30)), generatedAt).AddMinutes(-random.Next(1, 600));
                        var cancel = random.Next(20) == 0;

                        await copy.StartRowAsync(cancellationToken);
                        await copy.WriteAsync(siteId, NpgsqlDbType.Integer, cancellationToken);
                        await copy.WriteAsync(space.Id, NpgsqlDbType.Integer, cancellationToken);
                        await copy.WriteAsync(start, NpgsqlDbType.TimestampTz, cancellationToken);
                        await copy.WriteAsync(end, NpgsqlDbType.TimestampTz, cancellationToken);
                        await copy.WriteAsync(blockedUntil, NpgsqlDbType.TimestampTz, cancellationToken);
                        await copy.WriteAsync(random.Next(1, space.Seats + 1), NpgsqlDbType.Integer, cancellationToken);
                        await WriteNullableAsync(copy, random.Next(3) == 0 ? null : Titles[random.Next(Titles.Length)], cancellationToken);
                        await copy.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                        if (companyId is { } company)
                        {
                            await copy.WriteAsync(company, NpgsqlDbType.Integer, cancellationToken);
                        }
                        else
                        {
                            await copy.WriteNullAsync(cancellationToken);
                        }

                        var external = kind == BookingPartyKind.External;
                        await WriteNullableAsync(copy, external ? $"Organisation externe {random.Next(1, 400):000}" : null, cancellationToken);
                        await WriteNullableAsync(copy, external ? $"contact{random.Next(1, 400)}@example.ma" : null, cancellationToken);
                        await WriteNullableAsync(copy, external && random.Next(2) == 0 ? $"{random.NextInt64(100_000_000_000_000, 999_999_999_999_999)}" : null,
                            cancellationToken);
                        await copy.WriteAsync("benchmark", NpgsqlDbType.Varchar, cancellationToken);
                        await copy.WriteAsync(created, NpgsqlDbType.TimestampTz, cancellationToken);
                        if (cancel)
                        {
                            var late = random.Next(4) == 0;
                            var cancelledAt = start.AddMinutes(late ? -random.Next(10, 110) : -random.Next(180, 6000));
                            if (cancelledAt > generatedAt)
                            {
                                (cancelledAt, late) = (generatedAt, false); // a future booking, cancelled in good time
                            }

                            await copy.WriteAsync(cancelledAt < created ? created.AddMinutes(1) : cancelledAt, NpgsqlDbType.TimestampTz, cancellationToken);
                            await copy.WriteAsync("benchmark", NpgsqlDbType.Varchar, cancellationToken);
                            await copy.WriteAsync(late, NpgsqlDbType.Boolean, cancellationToken);
                            cancelled++;
                        }
                        else
                        {
                            await copy.WriteNullAsync(cancellationToken);
                            await copy.WriteNullAsync(cancellationToken);
                            await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                        }

                        await copy.WriteAsync(!cancel && day < today && random.Next(60) == 0, NpgsqlDbType.Boolean, cancellationToken); // a few no-shows
                        bookings++;
                        free = cursor + minutes + BufferMinutes;
                        cursor = free + Pick(random, Gaps);
                    }

                    if (!gapRecorded && Closes - free >= GapMinutes)
                    {
                        gaps.Add(new FreeGap(space.Id, day, free, GapMinutes));
                    }
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await BenchmarkSql.ExecuteAsync(connection, "ANALYZE", cancellationToken);
        return new RoomFill(spaces.Count, companyIds.Count, bookings, cancelled, gaps);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static int Pick(Random random, int[] values) => values[random.Next(values.Length)];

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }
}
