using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Programmes;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Xunit.Abstractions;

namespace Technopark.IntegrationTests.Figures;

/// <summary>
/// The programme figures of the pages (a site's manager page and HQ's network page) against a plain reference written here from the
/// definitions (it does not call <see cref="ProgrammeFigures"/>), over random programmes, enrolments (some ended, coaches changed),
/// sessions and reached milestones across 2026, on several random days. The seed is printed; TECHNOPARK_PROGRAMMES_SEED replays it.
/// </summary>
public partial class ProgrammeFiguresDifferentialTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private static readonly DateOnly First = new(2026, 1, 1);
    private static readonly DateTimeOffset Later = new(2028, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pages_RandomYear_EqualTheReference()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TECHNOPARK_PROGRAMMES_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s : Random.Shared.Next();
        output.WriteLine($"TECHNOPARK_PROGRAMMES_SEED={seed}");
        var random = new Random(seed);
        app.Factory.Clock.SetToday(new DateOnly(2027, 1, 20));
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        await using (var db = app.Database.CreateContext())
        {
            await SeedAsync(db, random);
        }

        var days = Enumerable.Range(0, 5).Select(_ => First.AddDays(random.Next(0, 400))).Append(new DateOnly(2026, 12, 31)).ToList();
        await using var read = app.Database.CreateContext();
        var tanger = await TestBilling.SiteIdAsync(read, "tanger");
        foreach (var day in days)
        {
            var on = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var expected = await ReferenceAsync(read, day);
            var sitePage = Cells(await manager.GetStringAsync($"/manage/tanger/programmes/figures?on={on}"));
            var hqPage = Cells(await hq.GetStringAsync($"/hq/programmes?on={on}"));
            Assert.True(sitePage.Count >= 3 * 4, "the site's page shows the four figures of every programme");

            Assert.Equal(expected.Where(e => e.Key.SiteId == tanger).ToDictionary(e => (e.Key.ProgrammeId, e.Key.Figure), e => e.Value).OrderBy(e => e.Key),
                sitePage.OrderBy(e => e.Key));
            Assert.Equal(expected.ToDictionary(e => (e.Key.ProgrammeId, e.Key.Figure), e => e.Value).OrderBy(e => e.Key), hqPage.OrderBy(e => e.Key));
        }
    }

    /// <summary>3 programmes of Tanger (one retired after use), 14 companies with one or two enrolments each over 2026.</summary>
    private static async Task SeedAsync(TechnoparkDbContext db, Random random)
    {
        var siteId = await TestBilling.SiteIdAsync(db, "tanger");
        var coaches = await db.Users.Where(u => u.Email == Personas.Email(Persona.ManagerTanger) || u.Email == Personas.Email(Persona.NetworkAdmin))
            .Select(u => u.Id).ToListAsync();
        var programmes = Enumerable.Range(1, 3).Select(i => Programme.Create(siteId, ProgrammeKind.Incubation, $"A Différentiel {i}", 12, null,
            Enumerable.Range(1, 2 + random.Next(3)).Select(m => $"Jalon {m}"))).ToList();
        db.Programmes.AddRange(programmes);
        await db.SaveChangesAsync();
        for (var c = 0; c < 14; c++)
        {
            var company = await TestBilling.CompanyAsync(db, "tanger", $"Atlas A Différentiel {c} SARL");
            var start = First.AddDays(random.Next(0, 300));
            for (var round = 0; round < 1 + random.Next(2) && start <= new DateOnly(2026, 12, 1); round++)
            {
                var programme = programmes[random.Next(programmes.Count)];
                var enrolment = Enrolment.Create(programme, company, siteId, coaches[random.Next(coaches.Count)], start);
                db.Enrolments.Add(enrolment);
                await db.SaveChangesAsync();
                DateOnly? end = random.Next(2) == 0 ? start.AddDays(20 + random.Next(200)) : null;
                var last = end?.AddDays(-1) ?? new DateOnly(2026, 12, 31);
                var span = last.DayNumber - start.DayNumber + 1;
                for (var k = random.Next(8); k > 0; k--)
                {
                    db.CoachingSessions.Add(CoachingSession.Log(enrolment, coaches[0], start.AddDays(random.Next(span)), 15 * (1 + random.Next(12)), "Suivi", null, null, Later));
                }

                var reached = new List<int>();
                foreach (var milestone in programme.Milestones.Where(_ => random.Next(2) == 0))
                {
                    db.ReachedMilestones.Add(enrolment.Reach(milestone, start.AddDays(random.Next(span)), "Preuve", coaches[0], Later, reached));
                    reached.Add(milestone.Id);
                }

                if (random.Next(3) == 0)
                {
                    enrolment.ChangeCoach(coaches[random.Next(coaches.Count)], enrolment.Period.Start);
                }

                if (end is { } e)
                {
                    enrolment.End(e);
                }

                await db.SaveChangesAsync();
                if (end is null)
                {
                    break;
                }

                start = end.Value.AddDays(random.Next(30));
            }
        }

        programmes[2].Retire();
        await db.SaveChangesAsync();
    }

    /// <summary>The four figures of every programme of the network on <paramref name="day"/>, from the definitions.</summary>
    private static async Task<Dictionary<(int SiteId, int ProgrammeId, string Figure), decimal>> ReferenceAsync(TechnoparkDbContext db, DateOnly day)
    {
        var programmes = await db.Programmes.AsNoTracking().Select(p => new { p.Id, p.SiteId }).ToListAsync();
        var enrolments = await db.Enrolments.AsNoTracking().Select(e => new { e.Id, e.ProgrammeId, e.Period.Start, e.Period.End }).ToListAsync();
        var sessions = await db.CoachingSessions.AsNoTracking().Select(s => new { s.EnrolmentId, s.HeldOn, s.Minutes }).ToListAsync();
        var reached = await db.ReachedMilestones.AsNoTracking().Select(r => new { r.EnrolmentId, r.ReachedOn }).ToListAsync();
        var result = new Dictionary<(int, int, string), decimal>();
        foreach (var p in programmes)
        {
            var current = enrolments.Where(e => e.ProgrammeId == p.Id && e.Start <= day && (e.End == null || day < e.End)).ToList();
            var minutes = 0;
            var milestones = 0;
            var quiet = 0;
            foreach (var e in current)
            {
                minutes += sessions.Where(x => x.EnrolmentId == e.Id && x.HeldOn <= day).Sum(x => x.Minutes);
                milestones += reached.Count(x => x.EnrolmentId == e.Id && x.ReachedOn <= day);
                var startedLongAgo = day.DayNumber - e.Start.DayNumber >= 60;
                var recent = sessions.Any(x => x.EnrolmentId == e.Id && x.HeldOn <= day && day.DayNumber - x.HeldOn.DayNumber < 60);
                quiet += startedLongAgo && !recent ? 1 : 0;
            }

            result[(p.SiteId, p.Id, "Companies")] = current.Count;
            result[(p.SiteId, p.Id, "CoachingHours")] = Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero);
            result[(p.SiteId, p.Id, "MilestonesReached")] = milestones;
            result[(p.SiteId, p.Id, "Quiet")] = quiet;
        }

        return result;
    }

    private static Dictionary<(int ProgrammeId, string Figure), decimal> Cells(string html) =>
        FigureCell().Matches(html).ToDictionary(
            m => (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[1].Value),
            m => decimal.Parse(m.Groups[3].Value, NumberStyles.Number, CultureInfo.InvariantCulture));

    [GeneratedRegex("data-programme-figure=\"(\\w+)\" data-programme=\"(\\d+)\" data-value=\"([^\"]*)\"")]
    private static partial Regex FigureCell();
}
