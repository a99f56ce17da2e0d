using Technopark.Infrastructure;

namespace Technopark.IntegrationTests.Figures;

public sealed record RefSiteDay(int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied, int Residents, int EndingSoon, int Waiting);

public sealed record RefNetworkDay(int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied, int EndingSoon, int Waiting);

public sealed record RefBoard(int Free, int EndingSoon, int OfficesTotal, int OfficesOccupied, int SeatsTotal, int SeatsOccupied);

public sealed record RefPipeline(int Submitted, int UnderReview, int Accepted, int Rejected, int Waitlisted, int Withdrawn, int Decided, double? MedianDays);

public sealed record RefKpi(string Key, decimal? Value, decimal? Numerator, decimal? Denominator, int? Covered = null, int? Population = null);

/// <summary>
/// The outcome figures; <see cref="ResidentSamples"/> sums the residents of D and of the same day of each of the 11 months
/// before. The reported ones: survival cohort, known active and inactive; population, jobs and the companies they rest on,
/// revenue and funds and the companies with a counted yearly declaration.
/// </summary>
public sealed record RefOutcomes(int Graduated, int Closed, int SurvivalCohort, int SurvivalActive, int SurvivalInactive, int Departures, int ResidentSamples,
    int Population, decimal Jobs, int JobsCovered, decimal Revenue, decimal Funds, int YearlyCovered);

/// <summary>A company of a drill-down: its latest counted headcount, latest counted yearly revenue, funds of its counted years, and whether it counts.</summary>
public sealed record RefCompany(int Id, decimal? Headcount, decimal? Revenue, decimal? Funds, bool Reported);

/// <summary>
/// Every HQ, site and board figure computed straight from the definitions of DESIGN.md over the generator's in-memory
/// lists (LINQ, no SQL): what the app must show. The figures from declarations follow the definitions of the KPI page
/// (jobs, revenue, funds raised, 5-year survival, each with its coverage), written here again without the app's code. Periods are half-open [start, end); a percentage has one decimal,
/// rounded half away from zero (DESIGN.md, "Money"), and none when there is nothing to divide by.
/// </summary>
public sealed class ReferenceFigures(RandomNetwork network)
{
    /// <summary>A assignment ending within this many days after D "ends soon" at HQ.</summary>
    public const int EndingWithinDays = 90;

    /// <summary>A assignment ending within this many days after D is flagged on the board.</summary>
    public const int BoardEndingWithinDays = 60;

    /// <summary>The spaces of a kind in a site's inventory on D: not out of service that day.</summary>
    private IEnumerable<NetSpace> Active(int siteId, string kind, DateOnly day) => network.Spaces.Where(s => s.SiteId == siteId && s.Kind == kind && s.InServiceOn(day));

    private IEnumerable<NetAssignment> HeldIn(NetSpace space, DateOnly day) => network.Assignments.Where(a => a.SpaceId == space.Id && a.HeldOn(day));

    /// <summary>Seats of a coworking space held on D: its stays' seats, and one for each live (not cancelled) pass covering D.</summary>
    private int SeatsUsed(NetSpace space, DateOnly day) =>
        HeldIn(space, day).Sum(a => a.Seats) + network.Passes.Count(p => p.SpaceId == space.Id && p.LiveOn(day));

    /// <summary>
    /// Occupancy on D: occupied offices of the offices in service on D; held seats (stays and live passes, at most a space's seats) of the
    /// seats of active coworking spaces. Pass holders are not residents and no stay of theirs ends.
    /// </summary>
    public RefSiteDay Site(int siteId, DateOnly day)
    {
        var offices = Active(siteId, "Office", day).ToList();
        var coworking = Active(siteId, "Coworking", day).ToList();
        return new RefSiteDay(
            offices.Count,
            offices.Count(o => HeldIn(o, day).Any()),
            coworking.Sum(c => c.Seats),
            coworking.Sum(c => Math.Min(SeatsUsed(c, day), c.Seats)),
            network.Assignments.Where(a => a.SiteId == siteId && a.HeldOn(day)).Select(a => a.CompanyId).Distinct().Count(),
            offices.Concat(coworking).SelectMany(s => HeldIn(s, day)).Count(a => a.End is { } end && end <= day.AddDays(EndingWithinDays)),
            network.Waiting.Count(w => w.SiteId == siteId && w.Since <= day && (w.RemovedOn is not { } removed || removed > day)));
    }

    /// <summary>
    /// Whether a site's figures count in the network's on D, from the definition: an operational site from its opening day (any day
    /// when the day is unknown), a closed one from its opening day until the day before it closed; other sites never.
    /// </summary>
    public static bool Counts(NetSite site, DateOnly day) => site.Status switch
    {
        "Operational" => site.OpenedOn is not { } opened || opened <= day,
        "Closed" => (site.OpenedOn is not { } opened2 || opened2 <= day) && site.ClosedOn is { } closed && day < closed,
        _ => false,
    };

    /// <summary>HQ's network line: the sites that count on D (see <see cref="Counts"/>).</summary>
    public RefNetworkDay Network(DateOnly day)
    {
        var sites = network.Sites.Where(s => Counts(s, day)).Select(s => Site(s.Id, day)).ToList();
        return new RefNetworkDay(sites.Sum(s => s.OfficesTotal), sites.Sum(s => s.OfficesOccupied), sites.Sum(s => s.SeatsTotal),
            sites.Sum(s => s.SeatsOccupied), sites.Sum(s => s.EndingSoon), sites.Sum(s => s.Waiting));
    }

    /// <summary>The board of a site on D: free tiles (an office nobody holds, a coworking space with a seat left), flagged tiles, and the occupancy.</summary>
    public RefBoard Board(int siteId, DateOnly day)
    {
        var offices = Active(siteId, "Office", day).ToList();
        var coworking = Active(siteId, "Coworking", day).ToList();
        var free = offices.Count(o => !HeldIn(o, day).Any()) + coworking.Count(c => SeatsUsed(c, day) < c.Seats);
        var ending = offices.Concat(coworking).Count(s => HeldIn(s, day).Any(a => a.End is { } end && end <= day.AddDays(BoardEndingWithinDays)));
        var site = Site(siteId, day);
        return new RefBoard(free, ending, site.OfficesTotal, site.OfficesOccupied, site.SeatsTotal, site.SeatsOccupied);
    }

    /// <summary>Offices of a site (total, occupied) on the first day of each of the 24 months up to D's month.</summary>
    public IReadOnlyList<(DateOnly Month, int Total, int Occupied)> Trend(int siteId, DateOnly day)
    {
        var last = new DateOnly(day.Year, day.Month, 1);
        return [.. Enumerable.Range(0, 24).Select(k => last.AddMonths(k - 23))
            .Select(m => (m, Active(siteId, "Office", m).Count(), Active(siteId, "Office", m).Count(o => HeldIn(o, m).Any())))];
    }

    /// <summary>The trend page's rate of a month: none before the site opened or without offices.</summary>
    public static decimal? TrendRate(NetSite site, DateOnly month, int total, int occupied) =>
        Counts(site, month) ? Rate(occupied, total) : null;

    /// <summary>Applications submitted by the end of D (Moroccan day) by state, drafts aside; median whole days (Moroccan) from submission to decision.</summary>
    public IReadOnlyDictionary<int, RefPipeline> Pipeline(DateOnly day)
    {
        var submitted = network.Applications
            .Where(a => a.State != "Draft" && a.SubmittedAt is { } at && MoroccanDay(at) <= day)
            .GroupBy(a => a.SiteId);
        return submitted.ToDictionary(g => g.Key, g =>
        {
            int Count(string state) => g.Count(a => a.State == state);
            var decided = g.Where(a => a.State is "Accepted" or "Rejected" or "Waitlisted").ToList();
            // Whole days, Morocco's: the day of the decision minus the day of the submission.
            var durations = decided.Where(a => a.DecidedAt is not null)
                .Select(a => (double)(MoroccanDay(a.DecidedAt!.Value).DayNumber - MoroccanDay(a.SubmittedAt!.Value).DayNumber)).Order().ToList();
            double? median = durations.Count == 0 ? null
                : durations.Count % 2 == 1 ? durations[durations.Count / 2]
                : (durations[(durations.Count / 2) - 1] + durations[durations.Count / 2]) / 2;
            return new RefPipeline(Count("Submitted"), Count("UnderReview"), Count("Accepted"), Count("Rejected"), Count("Waitlisted"), Count("Withdrawn"), decided.Count, median);
        });
    }

    /// <summary>
    /// The declarations that count on D: their period is over by D (the first day after it is D or before) and, unless
    /// <paramref name="declared"/>, they are validated.
    /// </summary>
    private List<NetDeclaration> Counted(DateOnly day, bool declared) =>
        [.. network.Declarations.Where(d => PeriodEnd(d) <= day && (declared || d.Validated))];

    /// <summary>The first day after a declaration's period.</summary>
    private static DateOnly PeriodEnd(NetDeclaration d) =>
        d.Quarter is { } q ? new DateOnly(d.Year, 1, 1).AddMonths(3 * q) : new DateOnly(d.Year + 1, 1, 1);

    /// <summary>Each company's latest counted declaration: the period ending last; a year and its Q4 end together, the year wins.</summary>
    private static Dictionary<int, NetDeclaration> Latest(IEnumerable<NetDeclaration> counted) =>
        counted.GroupBy(d => d.CompanyId).ToDictionary(g => g.Key, g => g.OrderByDescending(PeriodEnd).ThenBy(d => d.Quarter.HasValue).First());

    /// <summary>P(D): hosted by D; not left by D, or left less than 5 years before D other than as closed.</summary>
    private HashSet<int> Population(DateOnly day)
    {
        var hosted = network.Assignments.Where(a => a.Start <= day).Select(a => a.CompanyId).ToHashSet();
        return [.. network.Companies.Where(c => hosted.Contains(c.Id)
            && (c.ExitedOn is not { } exit || exit > day || (c.ExitReason != "Closed" && exit > day.AddYears(-5)))).Select(c => c.Id)];
    }

    /// <summary>Cohort: left at least 5 years before D. Inactive: closed, or latest counted says not active. Active: the rest, latest says active about a period ending 5 years or more after leaving.</summary>
    private static string Survival(NetCompany c, NetDeclaration? latest) =>
        c.ExitReason == "Closed" || latest?.Figures.StillActive == false ? "inactive"
        : latest is { Figures.StillActive: true } l && PeriodEnd(l).AddDays(-1) >= c.ExitedOn!.Value.AddYears(5) ? "active"
        : "unknown";

    /// <summary>The outcome figures on D, from the companies, their assignments and their declarations (validated ones, or all when <paramref name="declared"/>).</summary>
    public RefOutcomes Outcomes(DateOnly day, bool declared)
    {
        var left = network.Companies.Where(c => c.ExitedOn is { } on && on <= day).ToList();
        var cohort = left.Where(c => c.ExitedOn <= day.AddYears(-5)).ToList();
        var samples = Enumerable.Range(0, 12).Sum(k => network.Assignments.Where(a => a.HeldOn(day.AddMonths(-k))).Select(a => a.CompanyId).Distinct().Count());
        var counted = Counted(day, declared);
        var latest = Latest(counted);
        var latestYear = Latest(counted.Where(d => d.Quarter is null));
        var population = Population(day);
        var survival = cohort.Select(c => Survival(c, latest.GetValueOrDefault(c.Id))).ToList();
        return new RefOutcomes(
            left.Count(c => c.ExitReason == "Graduated"),
            left.Count(c => c.ExitReason == "Closed"),
            cohort.Count,
            survival.Count(s => s == "active"),
            survival.Count(s => s == "inactive"),
            left.Count(c => c.ExitedOn > day.AddMonths(-12)),
            samples,
            population.Count,
            population.Where(latest.ContainsKey).Sum(id => latest[id].Figures.Headcount),
            population.Count(latest.ContainsKey),
            population.Where(latestYear.ContainsKey).Sum(id => latestYear[id].Figures.Revenue),
            counted.Where(d => d.Quarter is null && population.Contains(d.CompanyId)).Sum(d => d.Figures.Funds),
            population.Count(latestYear.ContainsKey));
    }

    /// <summary>The KPIs of the KPI page and its CSV, in display order.</summary>
    public IReadOnlyList<RefKpi> Kpis(DateOnly day, bool declared)
    {
        var n = Network(day);
        var o = Outcomes(day, declared);
        var average = (decimal)o.ResidentSamples / 12;
        var known = o.SurvivalActive + o.SurvivalInactive;
        return
        [
            new("OfficeOccupancy", Rate(n.OfficesOccupied, n.OfficesTotal), n.OfficesOccupied, n.OfficesTotal),
            new("SeatOccupancy", Rate(n.SeatsOccupied, n.SeatsTotal), n.SeatsOccupied, n.SeatsTotal),
            new("Success", Rate(o.Graduated, o.Graduated + o.Closed), o.Graduated, o.Graduated + o.Closed),
            new("Survival", Rate(o.SurvivalActive, known), o.SurvivalActive, known, known, o.SurvivalCohort),
            new("Turnover", Rate(o.Departures * 12, o.ResidentSamples), o.Departures, Math.Round(average, 1, MidpointRounding.AwayFromZero)), // departures / (sum / 12)
            new("Jobs", o.Jobs, null, null, o.JobsCovered, o.Population),
            new("Revenue", o.Revenue, null, null, o.YearlyCovered, o.Population),
            new("Funds", o.Funds, null, null, o.YearlyCovered, o.Population),
        ];
    }

    /// <summary>The companies behind a KPI (its drill-down), by id, each with its latest counted figures and whether it counts in the figure.</summary>
    public IReadOnlyList<RefCompany> CompaniesBehind(string kpi, DateOnly day, bool declared)
    {
        var companies = kpi switch
        {
            "occupancy" => network.Assignments.Where(a => a.HeldOn(day)).Select(a => a.CompanyId),
            "success" => network.Companies.Where(c => c.ExitReason is "Graduated" or "Closed" && c.ExitedOn <= day).Select(c => c.Id),
            "survival" => network.Companies.Where(c => c.ExitedOn <= day.AddYears(-5)).Select(c => c.Id),
            "turnover" => network.Companies.Where(c => c.ExitedOn > day.AddMonths(-12) && c.ExitedOn <= day).Select(c => c.Id),
            "jobs" or "revenue" or "funds" => Population(day),
            _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Unknown KPI."),
        };
        var counted = Counted(day, declared);
        var latest = Latest(counted);
        var latestYear = Latest(counted.Where(d => d.Quarter is null));
        var funds = counted.Where(d => d.Quarter is null).GroupBy(d => d.CompanyId).ToDictionary(g => g.Key, g => g.Sum(d => d.Figures.Funds));
        var byId = network.Companies.ToDictionary(c => c.Id);
        return [.. companies.Distinct().Order().Select(id => new RefCompany(id, latest.GetValueOrDefault(id)?.Figures.Headcount,
            latestYear.GetValueOrDefault(id)?.Figures.Revenue, funds.TryGetValue(id, out var f) ? f : null,
            kpi switch
            {
                "revenue" or "funds" => latestYear.ContainsKey(id),
                "survival" => Survival(byId[id], latest.GetValueOrDefault(id)) != "unknown",
                _ => latest.ContainsKey(id),
            }))];
    }

    public static decimal? Rate(decimal part, decimal whole) => whole > 0 ? Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero) : null;

    private static DateOnly MoroccanDay(DateTimeOffset instant)
    {
        // The Moroccan day of an instant: the last day whose start is not after it.
        var day = DateOnly.FromDateTime(instant.UtcDateTime).AddDays(1);
        while (NetworkClock.StartOf(day) > instant)
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}
