using Npgsql;
using NpgsqlTypes;

namespace Technopark.Benchmarks;

/// <summary>
/// Fills one site with a large, realistic history in a few seconds with binary COPY: offices held
/// back to back by companies for 6 to 36 months (with some gaps, the last stay sometimes open-ended),
/// and coworking spaces whose seats are taken by overlapping stays. Deterministic (fixed seed).
/// </summary>
internal static class BoardData
{
    public const int Offices = 560;
    public const int CoworkingSpaces = 40;
    public const int Companies = 4000;
    public static readonly DateOnly From = new(2010, 1, 1);
    public static readonly DateOnly To = new(2030, 1, 1);

    public static async Task<(int Spaces, int Assignments)> FillAsync(string connectionString, string slug, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var siteId = await BenchmarkSql.SiteIdAsync(connection, slug, cancellationToken);

        await CopySpacesAsync(connection, siteId, random, cancellationToken);
        await BenchmarkSql.CopyCompaniesAsync(connection, siteId, Enumerable.Range(1, Companies).Select(i => $"Entreprise {i:0000}"), cancellationToken);
        var spaces = await SpacesAsync(connection, siteId, cancellationToken);
        var companyIds = await BenchmarkSql.ListAsync(connection, $"SELECT id FROM companies WHERE site_id = {siteId} ORDER BY id", r => r.GetInt32(0), cancellationToken);
        var assignments = await CopyStaysAsync(connection, siteId, spaces, companyIds, From, To, random, cancellationToken);

        await BenchmarkSql.ExecuteAsync(connection, "ANALYZE", cancellationToken);

        return (await BenchmarkSql.ScalarAsync<int>(connection, $"SELECT count(*)::int FROM spaces WHERE site_id = {siteId}", cancellationToken), assignments);
    }

    /// <summary>A space of a generated site: an office (one lane) or a coworking space (one lane per two seats).</summary>
    internal sealed record BoardSpace(int Id, bool Office, int Seats, decimal Rate);

    /// <summary>
    /// The site's 600 spaces (binary COPY): 560 offices on floors of 50 ("B{floor}-{nnn}", 1 to 8 seats, 1,500 to 7,400 MAD a month)
    /// and 40 coworking spaces ("CW-{nn}", 20 to 60 seats, 900 MAD a seat); one space in 97 inactive (out of service since 2020).
    /// </summary>
    public static async Task CopySpacesAsync(NpgsqlConnection connection, int siteId, Random random, CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY spaces (site_id, code, kind, floor, area_square_meters, seats, monthly_rate, is_active) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < Offices + CoworkingSpaces; i++)
            {
                var office = i < Offices;
                var floor = office ? i / 50 : i % 3;
                var code = office ? $"B{floor}-{i % 50 + 1:000}" : $"CW-{i - Offices + 1:00}";
                var seats = office ? random.Next(1, 9) : random.Next(20, 61);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(siteId, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(code, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(office ? "Office" : "Coworking", NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(floor, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(office ? 12m + random.Next(0, 60) : 150m + random.Next(0, 250), NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(seats, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(office ? 1500m + random.Next(0, 60) * 100 : 900m, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(i % 97 != 0, NpgsqlDbType.Boolean, cancellationToken); // a few inactive spaces
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var outages = new NpgsqlCommand(
            $"INSERT INTO space_outages (space_id, start_on) SELECT id, date '2020-01-01' FROM spaces WHERE site_id = {siteId} AND NOT is_active", connection);
        await outages.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The site's active spaces, in id order.</summary>
    public static Task<List<BoardSpace>> SpacesAsync(NpgsqlConnection connection, int siteId, CancellationToken cancellationToken) =>
        BenchmarkSql.ListAsync(connection, $"SELECT id, kind, seats, monthly_rate FROM spaces WHERE site_id = {siteId} AND is_active ORDER BY id",
            r => new BoardSpace(r.GetInt32(0), r.GetString(1) == "Office", r.GetInt32(2), r.GetDecimal(3)), cancellationToken);

    /// <summary>
    /// Stays of random companies on the spaces over [<paramref name="from"/>, <paramref name="to"/>) (binary COPY): per lane, back to back
    /// from a start within the first 120 days, offices for 6 to 36 months, coworking seats for 3 to 24; one stay in five followed by a
    /// gap of 1 to 6 months; a lane's last stay sometimes open-ended. Returns the number of stays.
    /// </summary>
    public static async Task<int> CopyStaysAsync(NpgsqlConnection connection, int siteId, IEnumerable<BoardSpace> spaces, IReadOnlyList<int> companyIds,
        DateOnly from, DateOnly to, Random random, CancellationToken cancellationToken)
    {
        var assignments = 0;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY assignments (site_id, space_id, company_id, start_on, end_on, seats, is_exclusive, monthly_rent, end_reason) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var space in spaces)
        {
            // An office is one lane; a coworking space has one lane per one or two seats.
            var lanes = space.Office ? 1 : space.Seats / 2;
            for (var lane = 0; lane < lanes; lane++)
            {
                var start = from.AddDays(random.Next(0, 120));
                while (start < to)
                {
                    var months = space.Office ? random.Next(6, 37) : random.Next(3, 25);
                    DateOnly? end = start.AddMonths(months);
                    if (end >= to)
                    {
                        end = random.Next(3) == 0 ? null : to; // some stays are open-ended
                    }

                    await WriteStayAsync(copy, siteId, space, companyIds[random.Next(companyIds.Count)], start, end,
                        space.Office ? space.Seats : random.Next(1, 3), cancellationToken);
                    assignments++;
                    if (end is null)
                    {
                        break;
                    }

                    // Mostly back to back; one stay in five is followed by a gap of 1 to 6 months.
                    start = random.Next(5) == 0 ? end.Value.AddMonths(random.Next(1, 7)) : end.Value;
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
        return assignments;
    }

    /// <summary>One row of a COPY into assignments (columns as in <see cref="CopyStaysAsync"/>), at the space's rate.</summary>
    public static async Task WriteStayAsync(NpgsqlBinaryImporter copy, int siteId, BoardSpace space, int companyId, DateOnly start, DateOnly? end, int seats,
        CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(siteId, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(space.Id, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(companyId, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(start, NpgsqlDbType.Date, cancellationToken);
        if (end is { } e)
        {
            await copy.WriteAsync(e, NpgsqlDbType.Date, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
        }

        await copy.WriteAsync(seats, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(space.Office, NpgsqlDbType.Boolean, cancellationToken);
        await copy.WriteAsync(space.Rate, NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteNullAsync(cancellationToken);
    }
}
