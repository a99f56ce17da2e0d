using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Companies;

/// <summary>
/// The alumni lists of a site and of HQ against a plain C# computation over random companies and declarations (seeded):
/// exactly the companies that left by the day, the latest exit first, each with its latest yearly declaration over by then.
/// </summary>
public sealed partial class AlumniListTests(AppFixture app) : IClassFixture<AppFixture>, IDisposable
{
    private readonly SqlCommandCounter _counter = new();
    private WebApplicationFactory<Program>? _factory;

    private WebApplicationFactory<Program> Factory => _factory ??=
        app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_counter)));

    private static readonly DateOnly Day = new(2026, 6, 15);
    private static readonly string[] Slugs = ["tanger", "casablanca", "oujda"];

    private sealed record Seeded(int Id, string Slug, string Name, DateOnly? ExitedOn, ExitReason? Reason, List<Declaration> Declarations);

    private sealed record Expected(int Id, int ExitYear, DateOnly ExitedOn, int? FiguresYear, decimal? Headcount, decimal? Revenue, bool? StillActive, string? Status);

    [Fact]
    public async Task Alumni_RandomNetwork_MatchReferenceForHqAndEachSite()
    {
        using var hq = await Personas.ClientAsync(Factory, Persona.NetworkAdmin);
        using var manager = await Personas.ClientAsync(Factory, Persona.ManagerTanger);
        await Personas.SessionCheckedAsync(hq);
        var on = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var commandsWhenEmpty = await CommandsAsync(hq, "/hq/alumni", $"?on={on}");
        var seeded = await SeedAsync(new Random(1313), count: 40);
        var commandsWhenFull = await CommandsAsync(hq, "/hq/alumni", $"?on={on}");

        var network = Rows(await hq.GetStringAsync($"/hq/alumni?on={on}"));
        var tanger = Rows(await manager.GetStringAsync($"/manage/tanger/alumni?on={on}"));
        var oujdaByHq = Rows(await hq.GetStringAsync($"/manage/oujda/alumni?on={on}"));
        var year = seeded.Where(s => s.ExitedOn <= Day).Select(s => s.ExitedOn!.Value.Year).GroupBy(y => y).OrderByDescending(g => g.Count()).First().Key;
        var ofYear = Rows(await hq.GetStringAsync($"/hq/alumni?on={on}&year={year}"));

        Assert.Equal(Reference(seeded, null, null), network);
        Assert.Equal(Reference(seeded, "tanger", null), tanger);
        Assert.Equal(Reference(seeded, "oujda", null), oujdaByHq);
        Assert.Equal(Reference(seeded, null, year), ofYear);
        Assert.Contains(network, r => r.FiguresYear is null);
        Assert.Contains(network, r => r.Status == nameof(DeclarationStatus.Validated));
        Assert.True(network.Count < seeded.Count, "some companies have not left by the day");
        Assert.Equal(commandsWhenEmpty, commandsWhenFull);
        Assert.InRange(commandsWhenFull, 1, 2); // the list's one statement, and what a signed-in page reads of the account
    }

    public void Dispose() => _factory?.Dispose();

    private async Task<int> CommandsAsync(HttpClient client, string path, string query)
    {
        _counter.ResetAsAfterChange(Factory.Services);
        using var response = await client.GetAsync(path + query);
        response.EnsureSuccessStatusCode();
        return _counter.For(path);
    }

    /// <summary>What the lists must show, computed over the seeded objects in C#.</summary>
    private static List<Expected> Reference(List<Seeded> seeded, string? slug, int? exitYear) =>
        [.. seeded
            .Where(s => s.ExitedOn is { } exited && exited <= Day && (slug is null || s.Slug == slug) && (exitYear is null || exited.Year == exitYear))
            .OrderByDescending(s => s.ExitedOn).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)
            .Select(s =>
            {
                var latest = s.Declarations.Where(d => d.Quarter is null && new ReportingPeriod(d.Year).CountsOn(Day)).MaxBy(d => d.Year);
                return new Expected(s.Id, s.ExitedOn!.Value.Year, s.ExitedOn.Value, latest?.Year, latest?.Figures.Headcount, latest?.Figures.Revenue,
                    latest?.Figures.StillActive, latest?.Status.ToString());
            })];

    private static List<Expected> Rows(string html) =>
        [.. AlumnusRow().Matches(html).Select(m => m.Value).Select(tr => new Expected(
            int.Parse(Attribute(tr, "company")!, CultureInfo.InvariantCulture),
            int.Parse(Attribute(tr, "exit-year")!, CultureInfo.InvariantCulture),
            DateOnly.ParseExact(Attribute(tr, "exited-on")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Attribute(tr, "figures-year") is { Length: > 0 } year ? int.Parse(year, CultureInfo.InvariantCulture) : null,
            Attribute(tr, "headcount") is { Length: > 0 } headcount ? decimal.Parse(headcount, CultureInfo.InvariantCulture) : null,
            Attribute(tr, "revenue") is { Length: > 0 } revenue ? decimal.Parse(revenue, CultureInfo.InvariantCulture) : null,
            Attribute(tr, "still-active") is { Length: > 0 } active ? bool.Parse(active) : null,
            Attribute(tr, "status") is { Length: > 0 } status ? status : null))];

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\sdata-{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>
    /// Companies at three sites: about two thirds left (some after the day), with yearly declarations (some for years not
    /// over on the day), quarterly ones (never counted here), validated or not.
    /// </summary>
    private async Task<List<Seeded>> SeedAsync(Random random, int count)
    {
        await using var db = app.Database.CreateContext();
        var sites = db.Sites.Where(s => Slugs.Contains(s.Slug)).ToDictionary(s => s.Slug, s => s.Id);
        var created = new List<(Company Company, string Slug, List<Declaration> Declarations)>();
        for (var i = 0; i < count; i++)
        {
            var slug = Slugs[random.Next(Slugs.Length)];
            // Names sort in the same order in C# (ordinal) and in PostgreSQL: same prefix, then digits.
            var company = Company.Create(sites[slug], $"Alumni test {i:000}", CompanyForm.Startup, Sectors.Digital);
            if (random.Next(3) > 0)
            {
                var exited = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 4000)); // up to 2026-12: some after the day
                company.Leave((ExitReason)random.Next(4), random.Next(6) == 0 && i > 0 ? created[^1].Company.ExitedOn ?? exited : exited);
            }

            created.Add((company, slug, []));
        }

        db.Companies.AddRange(created.Select(c => c.Company));
        await db.SaveChangesAsync();
        var now = app.Factory.Clock.GetUtcNow();
        var declaredOn = new DateOnly(2030, 1, 1); // lets the test declare 2026, which is not over on the day
        foreach (var (company, _, declarations) in created)
        {
            var declares = random.Next(4) > 0; // a quarter never declared a year
            foreach (var year in Enumerable.Range(2015, 12).Where(_ => declares && random.Next(3) == 0))
            {
                declarations.Add(Declare(company.Id, new ReportingPeriod(year), random, now, declaredOn));
                if (random.Next(4) == 0)
                {
                    declarations.Add(Declare(company.Id, new ReportingPeriod(year, random.Next(1, 5)), random, now, declaredOn));
                }
            }

            db.Declarations.AddRange(declarations);
        }

        await db.SaveChangesAsync();
        return [.. created.Select(c => new Seeded(c.Company.Id, c.Slug, c.Company.LegalName, c.Company.ExitedOn, c.Company.ExitReason, c.Declarations))];
    }

    private static Declaration Declare(int companyId, ReportingPeriod period, Random random, DateTimeOffset now, DateOnly today)
    {
        var figures = DeclarationFigures.Create(random.Next(0, 400) / 2m, random.Next(0, 5_000_000) + random.Next(0, 100) / 100m, 0, 0, 0, 0, random.Next(5) > 0);
        var declaration = Declaration.Create(companyId, period, figures, "seed", now, today);
        if (random.Next(2) == 0)
        {
            declaration.Validate("seed", now);
        }

        return declaration;
    }

    [GeneratedRegex("<tr data-company=\"[0-9]+\"[^>]*>")]
    private static partial Regex AlumnusRow();
}
