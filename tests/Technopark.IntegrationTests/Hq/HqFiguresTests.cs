using System.Net;
using System.Text.Json;
using Technopark.Domain.Network;
using Technopark.Infrastructure.Data.Queries;
using Technopark.IntegrationTests.Figures;
using Technopark.TestSupport;
using Technopark.Web.Pages.Hq;

namespace Technopark.IntegrationTests.Hq;

/// <summary>HQ's figures on the hand-built network of <see cref="HqDataset"/>, each answer worked out here.</summary>
public class HqFiguresTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private static readonly DateOnly D = HqDataset.D;

    public Task InitializeAsync() => HqDataset.EnsureAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SitesOn_BoundaryDays_CountOnlyWhatIsHeldOnD()
    {
        await using var db = app.Database.CreateContext();

        var tanger = (await new NetworkQueries(db).SitesOnAsync(D, default)).Single(s => s.Slug == "tanger");

        // Active offices O1 O2 O3 O4 O6 (O5 inactive). O1 ended on D (end exclusive), O6 the day before: free.
        // O2 (last day D), O3 (open-ended), O4 (starts on D) are held.
        Assert.Equal(5, tanger.OfficesTotal);
        Assert.Equal(3, tanger.OfficesOccupied);
        Assert.Equal(2, tanger.OfficesFree);
        // W1: 10 seats, c7 holds 3, c8's 2 start the day after D; W2 is inactive.
        Assert.Equal(10, tanger.SeatsTotal);
        Assert.Equal(3, tanger.SeatsOccupied);
        // O2 ends 2026-06-16 (≤ D + 90); O4 ends 2026-09-14 = D + 91: not ending soon.
        Assert.Equal(1, tanger.EndingSoon);
        // Open on D: since 06-01 (open), removed 06-16; not: since 06-16, removed on D.
        Assert.Equal(2, tanger.Waiting);
    }

    [Fact]
    public async Task SitesOn_EmptyCoworkingSpace_CountsNoSeatOccupied()
    {
        await using var db = app.Database.CreateContext();

        // 2025-12-31: W1 (10 seats) is active and nobody holds a seat in it yet (c7 starts on 2026-01-01).
        var tanger = (await new NetworkQueries(db).SitesOnAsync(new DateOnly(2025, 12, 31), default)).Single(s => s.Slug == "tanger");

        Assert.Equal(10, tanger.SeatsTotal);
        Assert.Equal(0, tanger.SeatsOccupied);
    }

    [Fact]
    public async Task SitesOn_NetworkTotals_CountOperationalSitesOnly()
    {
        await using var db = app.Database.CreateContext();

        var sites = await new NetworkQueries(db).SitesOnAsync(D, default);
        var network = HqReports.Network(sites);

        Assert.Equal(6, network.OfficesTotal); // Tanger 5 + Agadir 1
        Assert.Equal(4, network.OfficesOccupied);
        Assert.Equal(66.7m, network.OfficeRate);
        Assert.Contains(sites, s => s.Slug == "khemisset" && s.Status == "UnderConstruction");
    }

    [Fact]
    public async Task Kpis_HandBuiltExits_MatchTheDefinitions()
    {
        await using var db = app.Database.CreateContext();
        var queries = new NetworkQueries(db);
        var network = HqReports.Network(await queries.SitesOnAsync(D, default));

        var figures = await queries.KpisAsync(D, FiguresMode.Validated, default);
        var kpis = NetworkKpis.Compute(network, figures).ToDictionary(k => k.Key);

        // Left on or before D: graduated g1 g2 g4 g5, closed x1 x2 (g3 leaves after D; r1 relocated does not count).
        Assert.Equal((4, 2), (figures.Graduated, figures.Closed));
        Assert.Equal(66.7m, kpis["Success"].Value);
        // Left on or before D − 5 years = 2021-06-15: g1 and x1 (that very day) and r1; g2 left a day too late.
        // x1 closed: inactive. r1 left 2020-01-01 and its validated 2025 (ends 2025-12-31 ≥ 2025-01-01) says active.
        // g1's validated 2025 says active but ends before 2026-06-15 (5 years after it left): unknown.
        Assert.Equal((3, 1, 1), (figures.SurvivalCohort, figures.SurvivalActive, figures.SurvivalInactive));
        Assert.Equal((50.0m, new KpiCoverage(2, 3)), (kpis["Survival"].Value!.Value, kpis["Survival"].Coverage));
        // Departures in (2025-06-15, 2026-06-15]: g5 and x2 (g4 left exactly 12 months before: outside).
        Assert.Equal(2, figures.Departures);
        // Residents on D: c2 c3 c4 c5 c7 c9 a1 = 7; on the 15th of 2026-01..05: c1 c2 c3 c5 c6 c7 c9 a1 = 8 (×5);
        // 2025-07..12: c3 a1 = 2 (×6). Average = (7 + 40 + 12) / 12.
        Assert.Equal(59, figures.ResidentSamples);
        Assert.Equal(Math.Round(100m * 2 / (decimal)(59.0 / 12), 1), kpis["Turnover"].Value);
        // P(D): hosted by D (c1–c7, c9, a1, g2 — c8 starts after D), not left, or left less than 5 years before D other than
        // as closed (g2 left 2021-06-16: in; g1 exactly 5 years before: out; x2 closed: out).
        // Validated and ended by D: c3's 2025 year wins over its Q4 (8.0; its 2026 Q2 ends after D); c2's corrected 2025 (4.5, not
        // the declared 4.0; its 2026 Q1 is only declared); g2 2025 (2.5). c5's 2025 is only declared; x2, g1 and c8 are not in P(D).
        Assert.Equal(10, figures.Population);
        Assert.Equal((15.0m, 3), (figures.Jobs, figures.JobsCovered));
        Assert.Equal((320000.50m, 3), (figures.Revenue, figures.YearlyCovered)); // 250 000 + 40 000.50 (corrected) + 30 000
        Assert.Equal(35000m, figures.Funds); // c3: 10 000 (2024) + 20 000 (2025), its Q4 not counted; g2: 5 000
        Assert.Equal(new KpiCoverage(3, 10), kpis["Jobs"].Coverage);
        Assert.Equal(new KpiCoverage(3, 10), kpis["Funds"].Coverage);
        Assert.Equal(66.7m, kpis["OfficeOccupancy"].Value);
        Assert.Equal(30m, kpis["SeatOccupancy"].Value);
    }

    [Fact]
    public async Task Kpis_DeclaredMode_CountsDeclarationsNotValidatedYet()
    {
        await using var db = app.Database.CreateContext();

        var figures = await new NetworkQueries(db).KpisAsync(D, FiguresMode.Declared, default);

        // c2's latest is now its declared 2026 Q1 (6.0; revenue still from its corrected 2025); c5's declared 2025 counts (3.0, 9 000, prize 500).
        Assert.Equal((19.5m, 4), (figures.Jobs, figures.JobsCovered));
        Assert.Equal((329000.50m, 4, 35500m), (figures.Revenue, figures.YearlyCovered, figures.Funds));
        // g1's declared 2026 Q1 says it is no longer active: the whole cohort is known, 1 active of 3.
        Assert.Equal((3, 1, 2), (figures.SurvivalCohort, figures.SurvivalActive, figures.SurvivalInactive));
    }

    [Fact]
    public async Task KpiDrillDown_Jobs_ListsThePopulationWithTheirLatestCountedFigures()
    {
        await using var db = app.Database.CreateContext();
        var queries = new NetworkQueries(db);

        var rows = (await queries.CompaniesBehindAsync(KpiDrillDown.Jobs, D, FiguresMode.Validated, default)).ToDictionary(r => r.LegalName);
        var declared = (await queries.CompaniesBehindAsync(KpiDrillDown.Funds, D, FiguresMode.Declared, default)).ToDictionary(r => r.LegalName);

        Assert.Equal(["a1", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c9", "g2"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((2025, (int?)null, 8.0m, 250000m, 30000m, true), (rows["c3"].LatestYear!.Value, rows["c3"].LatestQuarter, rows["c3"].Headcount!.Value, rows["c3"].Revenue!.Value, rows["c3"].Funds!.Value, rows["c3"].Reported));
        Assert.Equal((4.5m, true), (rows["c2"].Headcount!.Value, rows["c2"].Reported));
        Assert.Equal(((decimal?)null, false), (rows["c5"].Headcount, rows["c5"].Reported));
        Assert.Equal((2026, 1, 6.0m, 40000.50m), (declared["c2"].LatestYear!.Value, declared["c2"].LatestQuarter!.Value, declared["c2"].Headcount!.Value, declared["c2"].Revenue!.Value));
        Assert.Equal((500m, true), (declared["c5"].Funds!.Value, declared["c5"].Reported));
    }

    [Fact]
    public async Task KpisPage_CoverageAndModeSwitch_ShowTheBasisOfEachFigure()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var validated = await client.GetStringAsync("/hq/kpis?on=2026-06-15");
        var declared = await client.GetStringAsync("/hq/kpis?on=2026-06-15&figures=declared");

        Assert.Matches("id=\"kpi-coverage-Jobs\" data-covered=\"3\" data-population=\"10\">sur la base de 3 des 10 entreprises", validated);
        Assert.Matches("id=\"kpi-coverage-Survival\" data-covered=\"2\" data-population=\"3\"", validated);
        Assert.Matches("id=\"kpi-coverage-Jobs\" data-covered=\"4\" data-population=\"10\"", declared);
        Assert.Matches("id=\"kpi-figures-Jobs\" data-value=\"19.5\"", declared);
        Assert.Contains("href=\"/hq/kpis?on=2026-06-15&amp;figures=declared\"", validated, StringComparison.Ordinal);
        Assert.Contains("href=\"/hq/kpis/funds?on=2026-06-15&amp;figures=declared\"", declared, StringComparison.Ordinal);
        Assert.Contains("href=\"/hq/export/kpis.csv?on=2026-06-15&amp;figures=declared\"", declared, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"figures\" value=\"declared\" />", declared, StringComparison.Ordinal); // another day keeps the mode
        Assert.DoesNotContain("name=\"figures\"", validated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trend_TwentyFourMonths_RatesOnTheFirstDayOfEachMonth()
    {
        await using var db = app.Database.CreateContext();

        var points = await new NetworkQueries(db).TrendAsync(D, default);

        var sites = points.Select(p => p.SiteId).Distinct().Count();
        Assert.Equal(sites * 24, points.Count);
        Assert.Equal(new DateOnly(2024, 7, 1), points.Min(p => p.Month));
        Assert.Equal(new DateOnly(2026, 6, 1), points.Max(p => p.Month));
        var tanger = points.Where(p => p.SiteId == TangerId(points)).ToDictionary(p => p.Month);
        Assert.Equal((5, 4), (tanger[new DateOnly(2026, 6, 1)].OfficesTotal, tanger[new DateOnly(2026, 6, 1)].OfficesOccupied)); // O1 O2 O3 O6
        Assert.Equal(1, tanger[new DateOnly(2025, 12, 1)].OfficesOccupied); // O3 only
        Assert.Equal(0, tanger[new DateOnly(2024, 12, 1)].OfficesOccupied);
    }

    [Fact]
    public async Task TrendPage_SiteOpenedMidPeriod_HasNoRateBeforeOpening()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await client.GetStringAsync("/hq/trend?on=2026-06-15");

        var (months, rates) = TrendPage.Read(html);
        var agadir = rates.Single(s => s.Key.Contains("Agadir", StringComparison.Ordinal)).Value;
        Assert.Null(agadir[months.IndexOf("03/2025")]); // opened 2025-03-10
        Assert.Equal(100m, agadir[months.IndexOf("04/2025")]);
        Assert.Contains("<canvas id=\"trend-chart\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrendPage_SiteWithOfficesOnlyInMonthsItDoesNotCount_HasNoSeries()
    {
        await using var db = app.Database.CreateContext();
        var queries = new NetworkQueries(db);
        var points = await queries.TrendAsync(D, default);
        var oujda = (await queries.SitesOnAsync(D, default)).Single(s => s.Slug == "oujda");
        var months = points.Where(p => p.SiteId == oujda.SiteId).ToList();
        // Oujda counts from October 2025 (opened 2025-09-10); its one office is out of service from 2025-10-01.
        Assert.Contains(months, p => p.OfficesTotal > 0 && !oujda.CountsOn(p.Month));
        Assert.Contains(months, p => p.OfficesTotal == 0 && oujda.CountsOn(p.Month));
        Assert.DoesNotContain(months, p => p.OfficesTotal > 0 && oujda.CountsOn(p.Month));
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await client.GetStringAsync("/hq/trend?on=2026-06-15");

        var labels = TrendPage.Read(html).Rates.Keys.ToList();
        Assert.Contains(labels, l => l.Contains("Agadir", StringComparison.Ordinal));
        Assert.DoesNotContain(labels, l => l.Contains("Oujda", StringComparison.Ordinal)); // no month has a rate: no series of gaps
    }

    [Fact]
    public async Task Pipeline_DecidedApplications_AcceptanceRateAndMedianDays()
    {
        await using var db = app.Database.CreateContext();

        var rows = await new NetworkQueries(db).PipelineAsync(D, default);

        var tanger = Assert.Single(rows); // drafts and the application submitted after D are left out
        Assert.Equal((1, 1, 1, 1), (tanger.Submitted, tanger.Accepted, tanger.Rejected, tanger.Waitlisted));
        Assert.Equal(3, tanger.Decided);
        Assert.Equal(33.3m, NetworkKpis.Rate(tanger.Accepted, tanger.Decided));
        Assert.Equal(10.0, tanger.MedianDays!.Value, 6); // 4, 10, 20 days
    }

    [Fact]
    public async Task Dashboard_NonOperationalSite_ShowsItsStatusAndDrillDownLinks()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await client.GetStringAsync("/hq?on=2026-06-15");

        Assert.Contains("href=\"/manage/tanger/board?on=2026-06-15\"", html, StringComparison.Ordinal);
        Assert.Matches("data-slug=\"khemisset\"[^>]*>\\s*<th[^>]*>.*?</th>\\s*<td colspan=\"6\"[^>]*>En construction", html);
        Assert.Contains("href=\"/hq/staff\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/hq/mailbox\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KpiDrillDown_Survival_ListsTheCohort()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await client.GetStringAsync("/hq/kpis/survival?on=2026-06-15");

        foreach (var name in new[] { ">g1<", ">x1<", ">r1<" })
        {
            Assert.Contains(name, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(">g2<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportOccupancy_Csv_HasBomSemicolonsAndFrenchAccents()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await client.GetAsync("/hq/export/occupancy.csv?on=2026-06-15");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Date;Site;Statut;Bureaux actifs;Bureaux occupés;", text, StringComparison.Ordinal);
        Assert.Contains("Khémisset", text, StringComparison.Ordinal);
        Assert.Contains("2026-06-15;", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportKpis_Csv_HasEveryKpiWithItsDefinition()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var bytes = await client.GetByteArrayAsync("/hq/export/kpis.csv?on=2026-06-15");

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Date;Indicateur;Valeur;Unité;Numérateur;Dénominateur;Entreprises couvertes;Entreprises concernées;Déclarations;Définition", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("2026-06-15;Réussite en incubation;66,7;%;4;6;;;;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2026-06-15;Emplois;15,0;ETP;;;3;10;Validées;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2026-06-15;Fonds levés;35000,00;MAD;;;3;10;Validées;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OccupancyApi_HandBuiltDay_KeepsItsContract()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/occupancy?on=2026-06-15"));

        var tanger = json.RootElement.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("slug").GetString() == "tanger");
        Assert.Equal(5, tanger.GetProperty("offices").GetProperty("total").GetInt32());
        Assert.Equal(3, tanger.GetProperty("offices").GetProperty("occupied").GetInt32());
        Assert.Equal(10, tanger.GetProperty("seats").GetProperty("total").GetInt32());
        Assert.Equal(3, tanger.GetProperty("seats").GetProperty("occupied").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("offices").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheOccupancyEndpoint()
    {
        using var client = app.Factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/occupancy", document, StringComparison.Ordinal);
        Assert.Contains("Occupancy of every site on a day", document, StringComparison.Ordinal);
    }

    private static int TangerId(IReadOnlyList<TrendPoint> points) =>
        points.GroupBy(p => p.SiteId).Single(g => g.Any(p => p.Month == new DateOnly(2026, 6, 1) && p.OfficesTotal == 5)).Key;
}
