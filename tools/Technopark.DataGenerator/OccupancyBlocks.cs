using Npgsql;
using NpgsqlTypes;
using Technopark.Infrastructure.Data.Queries;

/// <summary>
/// The occupancy blocks of every row, computed here in memory from the rows read back with binary COPY and written with binary
/// COPY: what <see cref="OccupancyFacts.PartSql"/> computes, for a bulk load only. At 1000× the SQL took about 20 minutes of
/// CPU (each unit's events sorted and windowed: about 55 µs per stay), this 22 s. The definition stays the SQL one
/// (<see cref="OccupancyFacts.ChangesSql"/>, which the triggers and the live view run): OccupancyFactsTests (after every kind
/// of change) and DataGeneratorTests (after a generation) compare what this writes with a rebuild of the blocks by that SQL,
/// so a change of the definition that is not made here too fails them.
/// </summary>
internal static class OccupancyBlocks
{
    private const int Open = int.MaxValue;

    private const int Measures = 8;

    // Measure indexes, in the order of OccupancyFacts.Measures.
    private const int OfficesTotal = 0, OfficesOccupied = 1, SeatsTotal = 2, SeatsOccupied = 3, EndingSoon = 4, Residents = 5, NetworkResidents = 6, Waiting = 7;

    private const int EndingWithin = NetworkQueries.EndingWithinDays;

    /// <summary>Reads the rows, computes the blocks and replaces the table's rows with them; returns the number of blocks.</summary>
    public static async Task<int> RebuildAsync(string connectionString) => await WriteAsync(connectionString, await ReadAsync(connectionString));

    /// <summary>Reads the rows the blocks are made of (what a bulk load does before it locks the stays for their constraints).</summary>
    public static async Task<Rows> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Rows.ReadAsync(connection);
    }

    /// <summary>Computes the blocks of <paramref name="rows"/> and replaces the table's rows with them; returns the number of blocks.</summary>
    public static async Task<int> WriteAsync(string connectionString, Rows rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var changes = new DayChanges(rows.LastDay);
        SpaceChanges(rows, changes);
        ResidentChanges(rows, changes);
        foreach (var (siteId, since, removed) in rows.Waiting.Where(w => w.Removed == Open || w.Removed > w.Since))
        {
            var sums = changes.Of(siteId);
            sums[(Math.Max(since, 0) * Measures) + Waiting]++;
            if (removed != Open)
            {
                sums[(Math.Max(removed, 0) * Measures) + Waiting]--;
            }
        }

        var blocks = changes.Blocks();
        // Loaded without its primary key, then the key built sorted (half the time of inserting into it row by row).
        var key = $"pk_{OccupancyFacts.Table}";
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // Generator's helpers: their commands run in the connection's transaction.
            var definition = await Generator.ScalarAsync<string>(connection, $"SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '{OccupancyFacts.Table}'::regclass AND conname = '{key}'");
            await Generator.ExecAsync(connection, $"TRUNCATE {OccupancyFacts.Table}; ALTER TABLE {OccupancyFacts.Table} DROP CONSTRAINT {key}");

            // Written synchronously: millions of values, without an await each.
            using (var copy = connection.BeginBinaryImport($"COPY {OccupancyFacts.Table} (level, block, site_id, {OccupancyFacts.Measures}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (level, block, siteId, measures) in blocks)
                {
                    copy.StartRow();
                    copy.Write(level, NpgsqlDbType.Smallint);
                    copy.Write(block, NpgsqlDbType.Integer);
                    copy.Write(siteId, NpgsqlDbType.Integer);
                    for (var m = 0; m < Measures; m++)
                    {
                        copy.Write(measures[m], NpgsqlDbType.Integer);
                    }
                }

                copy.Complete();
            }

            await Generator.ExecAsync(connection, $"ALTER TABLE {OccupancyFacts.Table} ADD CONSTRAINT {key} {definition}");
            await transaction.CommitAsync();
        }

        return blocks.Count;
    }

    /// <summary>The rows the blocks are made of, with days as numbers since the epoch (<see cref="Open"/>: no end).</summary>
    internal sealed class Rows
    {
        public int[] SpaceSite = [], SpaceSeats = [];
        public byte[] SpaceKind = []; // 0: not an office or coworking space, 1: office, 2: coworking
        public List<(int SiteId, int SpaceId, int CompanyId, int Start, int End, int Seats)> Stays = [];
        public List<(int SpaceId, byte What, int Start, int End)> Others = []; // passes and periods out of service
        public List<(int SiteId, int Since, int Removed)> Waiting = [];
        public int LastDay;

        public static async Task<Rows> ReadAsync(NpgsqlConnection connection)
        {
            string Day(string column) => $"({column} - date '{OccupancyFacts.Epoch}')";
            string End(string column) => $"coalesce({Day(column)}, {Open})";
            var rows = new Rows();
            var spaces = new List<(int Id, int SiteId, byte Kind, int Seats)>();
            await ExportAsync(connection, "SELECT id, site_id, CASE kind WHEN 'Office' THEN 1 WHEN 'Coworking' THEN 2 ELSE 0 END, seats FROM spaces",
                r => spaces.Add((r.Read<int>(), r.Read<int>(), (byte)r.Read<int>(), r.Read<int>())));
            var size = spaces.Count == 0 ? 1 : spaces.Max(s => s.Id) + 1;
            (rows.SpaceSite, rows.SpaceSeats, rows.SpaceKind) = (new int[size], new int[size], new byte[size]);
            foreach (var (id, siteId, kind, seats) in spaces)
            {
                (rows.SpaceSite[id], rows.SpaceKind[id], rows.SpaceSeats[id]) = (siteId, kind, seats);
            }

            await ExportAsync(connection, $"SELECT site_id, space_id, company_id, {Day("start_on")}, {End("end_on")}, seats FROM assignments",
                r => rows.Stays.Add((r.Read<int>(), r.Read<int>(), r.Read<int>(), r.Read<int>(), r.Read<int>(), r.Read<int>())));
            await ExportAsync(connection, $"SELECT space_id, {Day("start_on")}, {End("end_on")} FROM coworking_passes WHERE cancelled_at IS NULL",
                r => rows.Others.Add((r.Read<int>(), Pass, r.Read<int>(), r.Read<int>())));
            await ExportAsync(connection, $"SELECT space_id, {Day("start_on")}, {End("end_on")} FROM space_outages",
                r => rows.Others.Add((r.Read<int>(), Out, r.Read<int>(), r.Read<int>())));
            await ExportAsync(connection, $"SELECT site_id, {Day("since")}, {End("removed_on")} FROM waiting_list",
                r => rows.Waiting.Add((r.Read<int>(), r.Read<int>(), r.Read<int>())));
            static int Finite(int day) => day == Open ? 0 : day;
            rows.LastDay = new[]
            {
                rows.Stays.Select(s => Math.Max(s.Start, Finite(s.End))).DefaultIfEmpty().Max(),
                rows.Others.Select(s => Math.Max(s.Start, Finite(s.End))).DefaultIfEmpty().Max(),
                rows.Waiting.Select(s => Math.Max(s.Since, Finite(s.Removed))).DefaultIfEmpty().Max(),
            }.Max();
            return rows;
        }
    }

    private const byte Held = 0, Pass = 1, Out = 2;

    /// <summary>
    /// Per office or coworking space: its stays, live passes and periods out of service as events on their days (start, end,
    /// and 90 days before a stay's end), its figures after each day's events, and their changes from the day before.
    /// </summary>
    private static void SpaceChanges(Rows rows, DayChanges changes)
    {
        // The periods of each space, by counting: first[space] … first[space + 1] in (what, start, end, seats).
        var spaceCount = rows.SpaceKind.Length;
        var first = new int[spaceCount + 1];
        bool Counted(int spaceId, int start, int end) => spaceId < spaceCount && rows.SpaceKind[spaceId] != 0 && (end == Open || end > start);
        foreach (var s in rows.Stays.Where(s => Counted(s.SpaceId, s.Start, s.End)))
        {
            first[s.SpaceId + 1]++;
        }

        foreach (var o in rows.Others.Where(o => Counted(o.SpaceId, o.Start, o.End)))
        {
            first[o.SpaceId + 1]++;
        }

        for (var i = 0; i < spaceCount; i++)
        {
            first[i + 1] += first[i];
        }

        var periods = new (byte What, int Start, int End, int Seats)[first[spaceCount]];
        var next = (int[])first.Clone();
        foreach (var s in rows.Stays.Where(s => Counted(s.SpaceId, s.Start, s.End)))
        {
            periods[next[s.SpaceId]++] = (Held, s.Start, s.End, s.Seats);
        }

        foreach (var o in rows.Others.Where(o => Counted(o.SpaceId, o.Start, o.End)))
        {
            periods[next[o.SpaceId]++] = (o.What, o.Start, o.End, 0);
        }

        var events = new List<(int Day, int Used, int Passes, int OutOfService, int Ending)>();
        Span<int> previous = stackalloc int[Measures];
        Span<int> value = stackalloc int[Measures];
        for (var spaceId = 0; spaceId < spaceCount; spaceId++)
        {
            if (rows.SpaceKind[spaceId] == 0)
            {
                continue;
            }

            var (office, seats, sums) = (rows.SpaceKind[spaceId] == 1, rows.SpaceSeats[spaceId], changes.Of(rows.SpaceSite[spaceId]));
            events.Clear();
            events.Add((0, 0, 0, 0, 0)); // the space itself, from the epoch
            for (var i = first[spaceId]; i < first[spaceId + 1]; i++)
            {
                var p = periods[i];
                var (used, passes, outOfService) = p.What switch { Held => (p.Seats, 0, 0), Pass => (0, 1, 0), _ => (0, 0, 1) };
                events.Add((Math.Max(p.Start, 0), used, passes, outOfService, 0));
                if (p.End != Open)
                {
                    events.Add((Math.Max(p.End, 0), -used, -passes, -outOfService, p.What == Held ? -1 : 0));
                    if (p.What == Held)
                    {
                        events.Add((Math.Max(Math.Max(p.Start, p.End - EndingWithin), 0), 0, 0, 0, 1));
                    }
                }
            }

            events.Sort((a, b) => a.Day.CompareTo(b.Day));
            previous.Clear();
            var (usedNow, passesNow, outNow, endingNow) = (0, 0, 0, 0);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                (usedNow, passesNow, outNow, endingNow) = (usedNow + e.Used, passesNow + e.Passes, outNow + e.OutOfService, endingNow + e.Ending);
                if (i + 1 < events.Count && events[i + 1].Day == e.Day)
                {
                    continue; // the day's figures once all of its events are in
                }

                var inService = outNow == 0;
                value[OfficesTotal] = office && inService ? 1 : 0;
                value[OfficesOccupied] = office && inService && usedNow > 0 ? 1 : 0;
                value[SeatsTotal] = !office && inService ? seats : 0;
                value[SeatsOccupied] = !office && inService ? Math.Min(usedNow + passesNow, seats) : 0;
                value[EndingSoon] = inService ? endingNow : 0;
                var at = e.Day * Measures;
                for (var m = 0; m < Measures; m++)
                {
                    sums[at + m] += value[m] - previous[m];
                }

                value.CopyTo(previous);
            }
        }
    }

    /// <summary>
    /// A company is resident at a site while one of its stays there holds, and in the network while one of its stays anywhere
    /// does: the union of its stays' periods (a stay starting the day another ends continues it), +1 where it starts, −1 where it ends.
    /// </summary>
    private static void ResidentChanges(Rows rows, DayChanges changes)
    {
        // The stays of each company, by counting (as the spaces' periods).
        var companyCount = rows.Stays.Count == 0 ? 1 : rows.Stays.Max(s => s.CompanyId) + 1;
        var first = new int[companyCount + 1];
        foreach (var s in rows.Stays)
        {
            first[s.CompanyId + 1]++;
        }

        for (var i = 0; i < companyCount; i++)
        {
            first[i + 1] += first[i];
        }

        var stays = new (int SiteId, int Start, int End)[rows.Stays.Count];
        var next = (int[])first.Clone();
        foreach (var s in rows.Stays)
        {
            // Days before the epoch count on it; a stay that ends where (or before) it starts holds no day.
            stays[next[s.CompanyId]++] = (s.SiteId, Math.Max(s.Start, 0), s.End == Open || s.End > s.Start ? (s.End == Open ? Open : Math.Max(s.End, 0)) : int.MinValue);
        }

        var network = changes.Of(OccupancyFacts.NetworkSite);
        for (var company = 0; company < companyCount; company++)
        {
            var own = stays.AsSpan(first[company], first[company + 1] - first[company]);
            own.Sort(); // by site, then start
            for (var i = 0; i < own.Length;)
            {
                var j = i;
                while (j < own.Length && own[j].SiteId == own[i].SiteId)
                {
                    j++;
                }

                AddUnion(own[i..j], changes.Of(own[i].SiteId), Residents);
                i = j;
            }

            own.Sort((a, b) => a.Start.CompareTo(b.Start));
            AddUnion(own, network, NetworkResidents);
        }

        static void AddUnion(Span<(int SiteId, int Start, int End)> sorted, int[] sums, int measure)
        {
            for (var i = 0; i < sorted.Length;)
            {
                var (start, end) = (sorted[i].Start, sorted[i].End);
                while (++i < sorted.Length && sorted[i].Start <= end)
                {
                    end = Math.Max(end, sorted[i].End);
                }

                if (end > start)
                {
                    sums[(start * Measures) + measure]++;
                    if (end != Open)
                    {
                        sums[(end * Measures) + measure]--;
                    }
                }
            }
        }
    }

    /// <summary>The changes per site and day (day × measure), then summed into blocks of 2^k days as OccupancyFacts.ChangesSql's last SELECT.</summary>
    private sealed class DayChanges(int lastDay)
    {
        private readonly SortedDictionary<int, int[]> bySite = [];

        public int[] Of(int siteId)
        {
            if (!bySite.TryGetValue(siteId, out var sums))
            {
                bySite[siteId] = sums = new int[(lastDay + 1) * Measures];
            }

            return sums;
        }

        /// <summary>The blocks of the days whose changes do not sum to zero, in primary-key order (level, block, site).</summary>
        public List<(short Level, int Block, int SiteId, int[] Measures)> Blocks()
        {
            var levels = OccupancyFacts.LastLevel + 1;
            var perSite = bySite.Select(site =>
            {
                // Per level, the sums of its blocks and whether a day with changes falls in them.
                var blocks = new (int[] Sums, bool[] Present)[levels];
                for (var level = 0; level < levels; level++)
                {
                    var count = (lastDay >> level) + 1;
                    blocks[level] = (new int[count * Measures], new bool[count]);
                }

                var sums = site.Value;
                for (var day = 0; day <= lastDay; day++)
                {
                    var changes = sums.AsSpan(day * Measures, Measures);
                    if (!changes.ContainsAnyExcept(0))
                    {
                        continue;
                    }

                    for (var level = 0; level < levels; level++)
                    {
                        var block = day >> level;
                        blocks[level].Present[block] = true;
                        var total = blocks[level].Sums.AsSpan(block * Measures, Measures);
                        for (var m = 0; m < Measures; m++)
                        {
                            total[m] += changes[m];
                        }
                    }
                }

                return (SiteId: site.Key, Blocks: blocks);
            }).ToList();

            var rows = new List<(short, int, int, int[])>();
            for (short level = 0; level < levels; level++)
            {
                for (var block = 0; block <= lastDay >> level; block++)
                {
                    foreach (var (siteId, blocks) in perSite.Where(s => s.Blocks[level].Present[block]))
                    {
                        rows.Add((level, block, siteId, blocks[level].Sums[(block * Measures)..((block + 1) * Measures)]));
                    }
                }
            }

            return rows;
        }
    }

    private static async Task ExportAsync(NpgsqlConnection connection, string select, Action<NpgsqlBinaryExporter> row)
    {
        await using var export = await connection.BeginBinaryExportAsync($"COPY ({select}) TO STDOUT (FORMAT BINARY)");
        while (await export.StartRowAsync() != -1)
        {
            row(export);
        }
    }
}
