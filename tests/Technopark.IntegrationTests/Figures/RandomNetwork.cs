using Npgsql;
using NpgsqlTypes;
using Technopark.Infrastructure;

namespace Technopark.IntegrationTests.Figures;

public sealed record NetSite(int Id, string Slug, string Name, string Status, DateOnly? OpenedOn, DateOnly? ClosedOn = null);

/// <summary>A space and its periods out of service [Start, End) (none: always in service; an open one: inactive today).</summary>
public sealed record NetSpace(int Id, int SiteId, string Code, string Kind, int Seats, IReadOnlyList<NetOutage> Outages)
{
    public bool IsActive => Outages.All(o => o.End is not null);

    public bool InServiceOn(DateOnly day) => !Outages.Any(o => o.Start <= day && (o.End is not { } end || day < end));
}

public sealed record NetOutage(DateOnly Start, DateOnly? End);

public sealed record NetCompany(int Id, int SiteId, string Name, string? ExitReason, DateOnly? ExitedOn);

/// <summary>A assignment: half-open period [Start, End), End null when open-ended.</summary>
public sealed record NetAssignment(int Id, int SiteId, int SpaceId, int CompanyId, int Seats, bool IsExclusive, DateOnly Start, DateOnly? End)
{
    public bool HeldOn(DateOnly day) => Start <= day && (End is not { } end || day < end);
}

/// <summary>What a declaration says: headcount (one decimal), revenue, funds by source, still active.</summary>
public sealed record NetFigures(decimal Headcount, decimal Revenue, decimal Grant, decimal Loan, decimal Equity, decimal Prize, bool StillActive)
{
    public decimal Funds => Grant + Loan + Equity + Prize;
}

/// <summary>A declaration of a year (<see cref="Quarter"/> null) or a quarter: the member's figures, and the ones that count (a correction when they differ).</summary>
public sealed record NetDeclaration(int CompanyId, int Year, int? Quarter, bool Validated, NetFigures Declared, NetFigures Figures);

/// <summary>A digital nomad's coworking pass: one seat of its space on each day of [Start, End); a cancelled one holds nothing.</summary>
public sealed record NetPass(int Id, int SiteId, int SpaceId, DateOnly Start, DateOnly End, bool Cancelled)
{
    public bool LiveOn(DateOnly day) => !Cancelled && Start <= day && day < End;
}

public sealed record NetWaiting(int SiteId, int CompanyId, string WantedKind, DateOnly Since, DateOnly? RemovedOn);

public sealed record NetApplication(int SiteId, string State, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt);

/// <summary>
/// A random network from a seed (System.Random: the same seed gives the same network): sites in every status, some
/// not open yet; spaces of every kind, some inactive; office assignments back to back, with gaps, open-ended, transferred the
/// very day another ends; coworking assignments within capacity, the spaces empty on some days; waiting-list entries added
/// and removed; companies leaving with each exit reason; applications in every state, some submitted around midnight
/// in Morocco; declarations of years and quarters around the companies' stays and exits (validated or only declared, some
/// corrected, some saying the company is no longer active, many missing); digital nomads' passes of a day, a week or a month in
/// coworking spaces, within the seats the stays leave (some cancelled, which may have overfilled). <see cref="Days"/> are the days to check: the
/// boundaries of all that, plus a few random ones.
/// </summary>
public sealed class RandomNetwork
{
    private static readonly DateOnly First = new(2012, 1, 1);
    private static readonly DateOnly Last = new(2028, 6, 30);
    private static readonly string[] Statuses = ["Operational", "Operational", "Operational", "Operational", "Operational", "Planned", "UnderConstruction", "Closed"];
    private static readonly string[] Kinds = ["Office", "Office", "Office", "Office", "Office", "Office", "Coworking", "Coworking", "MeetingRoom", "ConferenceRoom", "TrainingRoom", "ProximityService"];
    private static readonly string[] ExitReasons = ["Graduated", "Closed", "Relocated", "Other"];
    private static readonly string[] States = ["Draft", "Submitted", "UnderReview", "Accepted", "Rejected", "Waitlisted", "Withdrawn"];

    private readonly Random _random;

    /// <summary>Draws the periods out of service apart, so that the rest of a seed's network is what it was before they existed.</summary>
    private readonly Random _outages;
    private readonly List<NetCompany> _companies = [];
    private readonly List<NetAssignment> _assignments = [];

    public int Seed { get; }

    public IReadOnlyList<NetSite> Sites { get; }

    public List<NetSpace> Spaces { get; } = [];

    public IReadOnlyList<NetCompany> Companies => _companies;

    public IReadOnlyList<NetAssignment> Assignments => _assignments;

    public List<NetDeclaration> Declarations { get; } = [];

    public List<NetWaiting> Waiting { get; } = [];

    public List<NetPass> Passes { get; } = [];

    public List<NetApplication> Applications { get; } = [];

    public IReadOnlyList<DateOnly> Days { get; }

    private RandomNetwork(int seed, IReadOnlyList<(int Id, string Slug, string Name)> referenceSites, int dayCount)
    {
        Seed = seed;
        _random = new Random(seed);
        _outages = new Random(unchecked(seed * 31 + 17));
        var extra = _random.Next(0, 3);
        Sites = [.. referenceSites.Select(s => NewSite(s.Id, s.Slug, s.Name)),
            .. Enumerable.Range(1, extra).Select(i => NewSite(ExtraSiteId + i, $"gen-{i}", $"Technopark Gen {i}"))];
        foreach (var site in Sites)
        {
            var count = _random.Next(10) == 0 ? 0 : _random.Next(1, 14);
            for (var i = 0; i < count; i++)
            {
                var kind = Pick(Kinds);
                var seats = kind switch { "Office" => _random.Next(1, 5), "Coworking" => _random.Next(2, 13), _ => _random.Next(4, 200) };
                Spaces.Add(new NetSpace(Spaces.Count + 1, site.Id, $"S-{Spaces.Count + 1}", kind, seats, Outages()));
            }
        }

        var slots = Spaces.Where(s => s.Kind == "Office").SelectMany(OfficeSlots)
            .Concat(Spaces.Where(s => s.Kind == "Coworking").SelectMany(CoworkingSlots))
            .OrderBy(s => s.Start).ThenBy(s => s.Space.Id).ToList();
        Occupy(slots);
        foreach (var space in Spaces.Where(s => s.Kind == "Coworking"))
        {
            AddPasses(space, [.. slots.Where(s => s.Space.Id == space.Id)]);
        }

        Leave();
        AddCompaniesNeverHosted();
        AddDeclarations();
        AddWaitingList();
        AddApplications();
        Days = ChooseDays(dayCount);
    }

    /// <summary>
    /// A space's periods out of service: most spaces none; some one or two that ended (deactivated, then back); some inactive
    /// today, since a day of the checked years or since always (01/01/2000, as the migration records a space with no date).
    /// </summary>
    private List<NetOutage> Outages()
    {
        var outages = new List<NetOutage>();
        var cursor = First;
        for (var roll = _outages.Next(100); roll < 30; roll = _outages.Next(100))
        {
            var start = cursor.AddDays(_outages.Next(4 * 365));
            if (start >= Last)
            {
                break;
            }

            if (roll < 12)
            {
                outages.Add(new NetOutage(_outages.Next(4) == 0 && outages.Count == 0 ? new DateOnly(2000, 1, 1) : start, null));
                break;
            }

            var end = start.AddDays(_outages.Next(1, 500));
            outages.Add(new NetOutage(start, end));
            cursor = end.AddDays(_outages.Next(0, 200));
        }

        return outages;
    }

    /// <summary>Sites added to the nine reference ones get ids from here.</summary>
    public const int ExtraSiteId = 1000;

    public static RandomNetwork Generate(int seed, IReadOnlyList<(int Id, string Slug, string Name)> referenceSites, int dayCount = 64) =>
        new(seed, referenceSites, dayCount);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private DateOnly Day(DateOnly from, DateOnly to) => from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>A site with a random status and opening day; a closed one closed after it opened, often within the checked days.</summary>
    private NetSite NewSite(int id, string slug, string name)
    {
        var status = Pick(Statuses);
        var opened = OpeningDay();
        var closed = status == "Closed" ? Day((opened ?? First).AddDays(1), Last.AddYears(1)) : (DateOnly?)null;
        return new NetSite(id, slug, name, status, opened, closed);
    }

    private DateOnly? OpeningDay() => _random.Next(100) < 15 ? null : Day(new DateOnly(2008, 1, 1), new DateOnly(2027, 12, 31));

    private sealed record Slot(NetSpace Space, int Seats, DateOnly Start, DateOnly? End);

    /// <summary>One office's assignments, one after the other: back to back, with gaps, the last one sometimes open-ended.</summary>
    private IEnumerable<Slot> OfficeSlots(NetSpace office)
    {
        var cursor = Day(First, new DateOnly(2019, 12, 31));
        while (cursor < Last)
        {
            if (_random.Next(100) < 12)
            {
                yield return new Slot(office, 1, cursor, null);
                yield break;
            }

            var end = cursor.AddDays(_random.Next(20, 1200));
            yield return new Slot(office, 1, cursor, end);
            cursor = _random.Next(100) < 35 ? end : end.AddDays(_random.Next(1, 400));
        }
    }

    /// <summary>A coworking space's assignments: seats never above the space's seats on any day, some days with nobody.</summary>
    private IEnumerable<Slot> CoworkingSlots(NetSpace space)
    {
        var accepted = new List<Slot>();
        for (var i = 0; i < space.Seats * 3; i++)
        {
            var start = Day(First, Last);
            DateOnly? end = _random.Next(100) < 10 ? null : start.AddDays(_random.Next(10, 900));
            var candidate = new Slot(space, _random.Next(1, Math.Min(3, space.Seats) + 1), start, end);
            var points = accepted.Select(s => s.Start).Where(p => Holds(candidate, p)).Append(candidate.Start);
            if (points.All(p => accepted.Where(s => Holds(s, p)).Sum(s => s.Seats) + candidate.Seats <= space.Seats))
            {
                accepted.Add(candidate);
            }
        }

        return accepted;
    }

    /// <summary>
    /// Passes of a coworking space (day, week, or a calendar month, some starting on the 29th to 31st): a live one only where the stays and
    /// the live passes leave a seat on each of its days; a cancelled one anywhere (it holds nothing).
    /// </summary>
    private void AddPasses(NetSpace space, List<Slot> stays)
    {
        var live = new List<Slot>();
        for (var i = _random.Next(0, space.Seats * 4); i > 0; i--)
        {
            var start = _random.Next(100) < 15 ? new DateOnly(_random.Next(2014, 2028), _random.Next(1, 13), 1).AddDays(-_random.Next(1, 4)) : Day(new DateOnly(2014, 1, 1), Last);
            var end = _random.Next(3) switch { 0 => start.AddDays(1), 1 => start.AddDays(7), _ => start.AddMonths(1) };
            var cancelled = _random.Next(100) < 20;
            var candidate = new Slot(space, 1, start, end);
            var points = stays.Concat(live).Select(s => s.Start).Where(p => Holds(candidate, p)).Append(start);
            if (cancelled || points.All(p => stays.Concat(live).Where(s => Holds(s, p)).Sum(s => s.Seats) + 1 <= space.Seats))
            {
                if (!cancelled)
                {
                    live.Add(candidate);
                }

                Passes.Add(new NetPass(Passes.Count + 1, space.SiteId, space.Id, start, end, cancelled));
            }
        }
    }

    private static bool Holds(Slot slot, DateOnly day) => slot.Start <= day && (slot.End is not { } end || day < end);

    /// <summary>
    /// Gives each assignment a company: mostly a new one; sometimes one whose assignment at the same site ends that very day (a transfer),
    /// or one that left another site before (a company's assignments are counted at the site of each assignment).
    /// </summary>
    private void Occupy(List<Slot> slots)
    {
        var latest = new Dictionary<int, NetAssignment>(); // company → its latest assignment
        foreach (var slot in slots)
        {
            int companyId;
            var transfer = _random.Next(100) < 15
                ? latest.Values.FirstOrDefault(s => s.End == slot.Start && s.SiteId == slot.Space.SiteId && s.SpaceId != slot.Space.Id)
                : null;
            var returning = transfer is null && _random.Next(100) < 4
                ? latest.Values.FirstOrDefault(s => s.End is { } end && end <= slot.Start && s.SiteId != slot.Space.SiteId)
                : null;
            if ((transfer ?? returning) is { } previous)
            {
                companyId = previous.CompanyId;
            }
            else
            {
                companyId = _companies.Count + 1;
                _companies.Add(new NetCompany(companyId, slot.Space.SiteId, $"Société {companyId}", null, null));
            }

            var assignment = new NetAssignment(_assignments.Count + 1, slot.Space.SiteId, slot.Space.Id, companyId, slot.Seats, slot.Space.Kind == "Office", slot.Start, slot.End);
            _assignments.Add(assignment);
            latest[companyId] = assignment;
        }
    }

    /// <summary>Companies whose assignments all ended may leave, with each exit reason, on their last day, the day after, or later.</summary>
    private void Leave()
    {
        var lastEnd = _assignments.GroupBy(s => s.CompanyId).ToDictionary(g => g.Key, g => g.Any(s => s.End is null) ? (DateOnly?)null : g.Max(s => s.End));
        for (var i = 0; i < _companies.Count; i++)
        {
            if (lastEnd.GetValueOrDefault(_companies[i].Id) is { } end && _random.Next(100) < 65)
            {
                var exited = _random.Next(3) switch { 0 => end, 1 => end.AddDays(-1), _ => end.AddDays(_random.Next(1, 90)) };
                _companies[i] = _companies[i] with { ExitReason = Pick(ExitReasons), ExitedOn = exited };
            }
        }
    }

    private void AddCompaniesNeverHosted()
    {
        for (var i = 0; i < 8; i++)
        {
            var id = _companies.Count + 1;
            var leaves = _random.Next(2) == 0;
            _companies.Add(new NetCompany(id, Pick(Sites).Id, $"Société {id}", leaves ? Pick(ExitReasons) : null, leaves ? Day(First, Last) : null));
        }
    }

    /// <summary>
    /// Declarations for most companies (a few never hosted too): years from the one before their first stay to some years
    /// after they left (alumni beyond 5 years included), about a third of them missing; quarters for some years; two thirds
    /// validated, a sixth of those corrected (the figures that count differ from the declared ones); a company sometimes
    /// says it is no longer active, more often after it left.
    /// </summary>
    private void AddDeclarations()
    {
        var firstStart = _assignments.GroupBy(a => a.CompanyId).ToDictionary(g => g.Key, g => g.Min(a => a.Start));
        foreach (var company in _companies.Where(_ => _random.Next(100) < 85))
        {
            var from = firstStart.TryGetValue(company.Id, out var start) ? start.Year - 1 : 2013;
            var to = company.ExitedOn is { } exited ? Math.Min(exited.Year + _random.Next(0, 9), Last.Year) : Last.Year;
            for (var year = Math.Max(from, 2011); year <= to; year++)
            {
                var afterExit = company.ExitedOn is { } e && year > e.Year;
                if (_random.Next(100) < 65)
                {
                    Declarations.Add(Declaration(company.Id, year, null, afterExit));
                }

                if (_random.Next(100) < 20)
                {
                    foreach (var quarter in Enumerable.Range(1, 4).Where(_ => _random.Next(100) < 60))
                    {
                        Declarations.Add(Declaration(company.Id, year, quarter, afterExit));
                    }
                }
            }
        }
    }

    private NetDeclaration Declaration(int companyId, int year, int? quarter, bool afterExit)
    {
        var declared = Figures(afterExit);
        var validated = _random.Next(100) < 66;
        var figures = validated && _random.Next(6) == 0 ? Figures(afterExit) : declared;
        return new NetDeclaration(companyId, year, quarter, validated, declared, figures);
    }

    private NetFigures Figures(bool afterExit)
    {
        decimal Amount(int percent) => _random.Next(100) < percent ? _random.Next(0, 3_000_000) + (_random.Next(100) / 100m) : 0m;
        return new NetFigures(_random.Next(0, 400) / 10m, Amount(80), Amount(25), Amount(15), Amount(15), Amount(10),
            _random.Next(100) >= (afterExit ? 25 : 5));
    }

    private void AddWaitingList()
    {
        foreach (var site in Sites)
        {
            for (var i = _random.Next(0, 10); i > 0; i--)
            {
                var since = Day(new DateOnly(2014, 1, 1), Last);
                DateOnly? removed = _random.Next(100) < 40 ? null : since.AddDays(_random.Next(0, 400));
                Waiting.Add(new NetWaiting(site.Id, Pick(_companies).Id, _random.Next(2) == 0 ? "Office" : "Coworking", since, removed));
            }
        }
    }

    private void AddApplications()
    {
        foreach (var site in Sites)
        {
            for (var i = _random.Next(0, 14); i > 0; i--)
            {
                var state = Pick(States);
                var submittedOn = Day(new DateOnly(2015, 1, 1), Last);
                // A fifth of them within an hour of midnight in Morocco, on either side.
                var submitted = _random.Next(100) < 20
                    ? NetworkClock.StartOf(submittedOn).AddMinutes(_random.Next(-60, 60))
                    : NetworkClock.StartOf(submittedOn).AddMinutes(_random.Next(0, 24 * 60));
                DateTimeOffset? submittedAt = state == "Draft" || (state == "Withdrawn" && _random.Next(3) == 0) ? null : submitted;
                DateTimeOffset? decidedAt = state is "Accepted" or "Rejected" or "Waitlisted" && _random.Next(100) < 92
                    ? submitted.AddHours(_random.Next(1, 120 * 24))
                    : null;
                Applications.Add(new NetApplication(site.Id, state, submittedAt, decidedAt));
            }
        }
    }

    /// <summary>Boundary days (starts, ends, exits and their 5-year and 12-month marks, waiting-list dates, submissions, month firsts) and random ones.</summary>
    private List<DateOnly> ChooseDays(int count)
    {
        var candidates = new List<DateOnly>();
        foreach (var assignment in _assignments.Where(_ => _random.Next(100) < 20))
        {
            candidates.AddRange([assignment.Start, assignment.Start.AddDays(-1)]);
            if (assignment.End is { } end)
            {
                candidates.AddRange([end, end.AddDays(-1), end.AddDays(-ReferenceFigures.EndingWithinDays), end.AddDays(-ReferenceFigures.EndingWithinDays - 1),
                    end.AddDays(-ReferenceFigures.BoardEndingWithinDays), end.AddDays(-ReferenceFigures.BoardEndingWithinDays - 1)]);
            }
        }

        foreach (var outage in Spaces.SelectMany(s => s.Outages))
        {
            candidates.AddRange([outage.Start, outage.Start.AddDays(-1)]);
            if (outage.End is { } back)
            {
                candidates.AddRange([back, back.AddDays(-1)]);
            }
        }

        foreach (var exited in _companies.Where(c => c.ExitedOn is not null).Select(c => c.ExitedOn!.Value))
        {
            candidates.AddRange([exited, exited.AddDays(-1), exited.AddYears(5), exited.AddYears(5).AddDays(-1), exited.AddMonths(12), exited.AddMonths(12).AddDays(-1)]);
        }

        foreach (var declaration in Declarations.Where(_ => _random.Next(100) < 5))
        {
            var end = declaration.Quarter is { } q ? new DateOnly(declaration.Year, q * 3, 1).AddMonths(1) : new DateOnly(declaration.Year + 1, 1, 1);
            candidates.AddRange([end, end.AddDays(-1)]);
        }

        foreach (var pass in Passes.Where(_ => _random.Next(100) < 30))
        {
            candidates.AddRange([pass.Start, pass.Start.AddDays(-1), pass.End, pass.End.AddDays(-1)]);
        }

        foreach (var entry in Waiting)
        {
            candidates.AddRange([entry.Since, entry.Since.AddDays(-1)]);
            if (entry.RemovedOn is { } removed)
            {
                candidates.AddRange([removed, removed.AddDays(-1)]);
            }
        }

        foreach (var submitted in Applications.Where(a => a.SubmittedAt is not null).Select(a => a.SubmittedAt!.Value))
        {
            var day = DateOnly.FromDateTime(submitted.UtcDateTime);
            candidates.AddRange([day.AddDays(-1), day, day.AddDays(1)]);
        }

        candidates.AddRange([new DateOnly(2024, 2, 29), new DateOnly(2025, 3, 31), new DateOnly(2026, 1, 1), new DateOnly(2025, 12, 31)]);
        var pool = candidates.Where(d => d >= new DateOnly(2014, 1, 1) && d <= Last).Distinct().OrderBy(_ => _random.Next()).ToList();
        var days = pool.Take(count - (count / 8)).ToHashSet();
        while (days.Count < count)
        {
            var day = Day(new DateOnly(2014, 1, 1), Last);
            days.Add(days.Count % 2 == 0 ? new DateOnly(day.Year, day.Month, 1) : day);
        }

        return [.. days.Order()];
    }

    /// <summary>Replaces the network's records in the database (the reference sites are kept, with this network's status and opening day).</summary>
    public async Task WriteAsync(string connectionString, string applicantId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Billing's tables refuse TRUNCATE (triggers), and TRUNCATE ... CASCADE reaches them through companies: the test, as
        // the superuser arranging data behind the app's back, turns user triggers off for these statements to start afresh (and so
        // clears the pipeline's counts and the occupancy, KPI and billing blocks itself: the triggers that follow a TRUNCATE are off too; the COPY
        // statements below, with triggers on, fill the blocks again).
        await ExecuteAsync(connection, $"""
            SET LOCAL session_replication_role = replica;
            TRUNCATE applications, waiting_list, declarations, assignments, companies, spaces, invoice_counters CASCADE;
            TRUNCATE pipeline_counts, pipeline_decision_days, occupancy_blocks, kpi_blocks, billing_blocks;
            DELETE FROM sites WHERE id >= {ExtraSiteId};
            SET LOCAL session_replication_role = origin;
            """);
        foreach (var site in Sites)
        {
            await using var command = new NpgsqlCommand(site.Id >= ExtraSiteId
                ? """
                  INSERT INTO sites (id, slug, name, city, region, status, opened_on, closed_on, focus_sectors, partners, service_codes)
                  VALUES (@id, @slug, @name, 'Ville', 'Région', @status, @opened, @closed, '{}', '{}', '{}')
                  """
                : "UPDATE sites SET status = @status, opened_on = @opened, closed_on = @closed WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", site.Id);
            command.Parameters.AddWithValue("slug", site.Slug);
            command.Parameters.AddWithValue("name", site.Name);
            command.Parameters.AddWithValue("status", site.Status);
            command.Parameters.Add(new NpgsqlParameter("opened", NpgsqlDbType.Date) { Value = (object?)site.OpenedOn ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("closed", NpgsqlDbType.Date) { Value = (object?)site.ClosedOn ?? DBNull.Value });
            await command.ExecuteNonQueryAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY spaces (id, site_id, code, kind, floor, seats, is_active, area_square_meters, monthly_rate) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in Spaces)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(s.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(s.SiteId, NpgsqlDbType.Integer);
                await copy.WriteAsync(s.Code, NpgsqlDbType.Varchar);
                await copy.WriteAsync(s.Kind, NpgsqlDbType.Varchar);
                await copy.WriteAsync(s.Id % 4, NpgsqlDbType.Integer);
                await copy.WriteAsync(s.Seats, NpgsqlDbType.Integer);
                await copy.WriteAsync(s.IsActive, NpgsqlDbType.Boolean);
                await copy.WriteAsync(20m, NpgsqlDbType.Numeric);
                await copy.WriteAsync(1500m, NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY space_outages (space_id, start_on, end_on) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (space, outage) in Spaces.SelectMany(s => s.Outages.Select(o => (s, o))))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(space.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(outage.Start, NpgsqlDbType.Date);
                await copy.WriteAsync(outage.End, NpgsqlDbType.Date);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY companies (id, site_id, legal_name, form, sector, exit_reason, exited_on) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in _companies)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(c.SiteId, NpgsqlDbType.Integer);
                await copy.WriteAsync(c.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Startup", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Digital", NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, c.ExitReason, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, c.ExitedOn, NpgsqlDbType.Date);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY assignments (id, site_id, space_id, company_id, seats, is_exclusive, start_on, end_on, monthly_rent) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in _assignments)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(a.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.SiteId, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.SpaceId, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.CompanyId, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.Seats, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.IsExclusive, NpgsqlDbType.Boolean);
                await copy.WriteAsync(a.Start, NpgsqlDbType.Date);
                await WriteNullableAsync(copy, a.End, NpgsqlDbType.Date);
                await copy.WriteAsync(1500m, NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY declarations (company_id, year, quarter, status, declared_by, declared_at, validated_by, validated_at,
                headcount, revenue, funds_grant, funds_loan, funds_equity, funds_prize, still_active,
                declared_headcount, declared_revenue, declared_funds_grant, declared_funds_loan, declared_funds_equity, declared_funds_prize, declared_still_active)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var d in Declarations)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(d.CompanyId, NpgsqlDbType.Integer);
                await copy.WriteAsync(d.Year, NpgsqlDbType.Integer);
                await WriteNullableAsync(copy, d.Quarter, NpgsqlDbType.Integer);
                await copy.WriteAsync(d.Validated ? "Validated" : "Declared", NpgsqlDbType.Varchar);
                await copy.WriteAsync(applicantId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, d.Validated ? "figures-staff" : null, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, d.Validated ? at : null, NpgsqlDbType.TimestampTz);
                foreach (var f in new[] { d.Figures, d.Declared })
                {
                    await copy.WriteAsync(f.Headcount, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(f.Revenue, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(f.Grant, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(f.Loan, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(f.Equity, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(f.Prize, NpgsqlDbType.Numeric);
                    await copy.WriteAsync(f.StillActive, NpgsqlDbType.Boolean);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY coworking_passes (id, site_id, space_id, kind, holder_name, email, price, granted, created_by, created_at, cancelled_at, start_on, end_on)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var p in Passes)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.SiteId, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.SpaceId, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.End == p.Start.AddDays(1) ? "Day" : p.End == p.Start.AddDays(7) ? "Week" : "Month", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"Nomade {p.Id}", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"nomade{p.Id}@example.org", NpgsqlDbType.Varchar);
                await copy.WriteAsync(150m, NpgsqlDbType.Numeric);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(applicantId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, p.Cancelled ? at : null, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(p.Start, NpgsqlDbType.Date);
                await copy.WriteAsync(p.End, NpgsqlDbType.Date);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY waiting_list (site_id, company_id, wanted_kind, wanted_seats, since, priority, removed_on) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var w in Waiting)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(w.SiteId, NpgsqlDbType.Integer);
                await copy.WriteAsync(w.CompanyId, NpgsqlDbType.Integer);
                await copy.WriteAsync(w.WantedKind, NpgsqlDbType.Varchar);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(w.Since, NpgsqlDbType.Date);
                await copy.WriteAsync(2, NpgsqlDbType.Integer);
                await WriteNullableAsync(copy, w.RemovedOn, NpgsqlDbType.Date);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY applications (applicant_id, site_id, programme, state, created_at, updated_at, submitted_at, decided_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in Applications)
            {
                var created = a.SubmittedAt ?? new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
                await copy.StartRowAsync();
                await copy.WriteAsync(applicantId, NpgsqlDbType.Text);
                await copy.WriteAsync(a.SiteId, NpgsqlDbType.Integer);
                await copy.WriteAsync("Incubation", NpgsqlDbType.Varchar);
                await copy.WriteAsync(a.State, NpgsqlDbType.Varchar);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, a.SubmittedAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(copy, a.DecidedAt, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateOnly? value, NpgsqlDbType type) =>
        value is { } v ? copy.WriteAsync(v, type) : copy.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, int? value, NpgsqlDbType type) =>
        value is { } v ? copy.WriteAsync(v, type) : copy.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateTimeOffset? value, NpgsqlDbType type) =>
        value is { } v ? copy.WriteAsync(v, type) : copy.WriteNullAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
