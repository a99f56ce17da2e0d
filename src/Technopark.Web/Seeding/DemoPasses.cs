using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Nomads;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo's digital nomads at Essaouira (demo mode only): day, week and month coworking passes over the last six weeks and the
/// coming four, bought at the prices below or granted (a partner's guest, a speaker), in the coworking spaces, never more seats on a
/// day than the space has once its stays are counted. One pass was cancelled (a refund).
/// INVENTED: the holders, nationalities, prices (day 150.00, week 600.00, month 1,800.00 MAD) and dates. Idempotent: a site with passes
/// gets none.
/// </summary>
public sealed class DemoPasses(TechnoparkDbContext db, TimeProvider clock) : IDemoSeeder
{
    public const string Site = "essaouira";

    private const string DemoUser = "system";

    private static readonly (string Name, string Nationality)[] Holders =
    [
        ("Lena Fischer", "Allemande"), ("Tom Becker", "Néerlandaise"), ("Sofia Russo", "Italienne"), ("Lucas Martin", "Française"),
        ("Emma Wilson", "Britannique"), ("Jonas Berg", "Suédoise"), ("Inès Moreau", "Française"), ("Carlos Ortega", "Espagnole"),
        ("Mia Novak", "Tchèque"), ("Hugo Lefebvre", "Belge"), ("Amal Haddad", "Marocaine"), ("Noah Schmidt", "Suisse"),
        ("Olivia Brown", "Canadienne"), ("Mateo Silva", "Portugaise"), ("Chloé Dubois", ""), ("Kenji Sato", "Japonaise"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Slug == Site).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (site is not { } siteId || await db.CoworkingPasses.AnyAsync(p => p.SiteId == siteId, cancellationToken))
        {
            return;
        }

        var spaces = await db.Spaces.Where(s => s.SiteId == siteId && s.Kind == SpaceKind.Coworking && s.IsActive).OrderBy(s => s.Code)
            .ToListAsync(cancellationToken);
        if (spaces.Count == 0)
        {
            return;
        }

        var today = clock.Today();
        var now = clock.GetUtcNow();
        var from = today.AddDays(-42);
        var until = today.AddDays(60);
        var ids = spaces.Select(s => s.Id).ToList();
        var stays = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.SpaceId) && a.Period.Start < until && (a.Period.End == null || a.Period.End > from))
            .Select(a => new { a.SpaceId, a.Period.Start, a.Period.End, a.Seats }).ToListAsync(cancellationToken);
        var taken = spaces.ToDictionary(s => s.Id, s => new int[until.DayNumber - from.DayNumber]);
        foreach (var stay in stays)
        {
            for (var day = Max(stay.Start, from); day < until && (stay.End is null || day < stay.End); day = day.AddDays(1))
            {
                taken[stay.SpaceId][day.DayNumber - from.DayNumber] += stay.Seats;
            }
        }

        var random = new Random(1645);
        var passes = new List<CoworkingPass>();
        for (var i = 0; i < Holders.Length * 2; i++)
        {
            var (name, nationality) = Holders[i % Holders.Length];
            var kind = (i % 5) switch { 0 or 3 => PassKind.Day, 1 or 4 => PassKind.Week, _ => PassKind.Month };
            var first = from.AddDays(random.Next(0, 70));
            var period = CoworkingPass.PeriodOf(kind, first);
            var space = spaces.FirstOrDefault(s => Fits(taken[s.Id], s.Seats, period.Start, period.End!.Value, from, until));
            if (space is null)
            {
                continue;
            }

            var granted = i % 6 == 5;
            var price = granted ? 0m : kind switch { PassKind.Day => 150m, PassKind.Week => 600m, _ => 1_800m };
            var email = $"{name.Split(' ')[0].ToLowerInvariant()}.{i}@nomad.example";
            var made = first <= today ? SiteTime.Instant(first, 9 * 60, SkippedTime.MoveLater) : now.AddDays(-random.Next(1, 10));
            var pass = CoworkingPass.Create(space, kind, first, name, email, nationality, price, granted, DemoUser, made);
            passes.Add(pass);
            if (i == 7)
            {
                pass.Cancel(made.AddHours(2));
                continue;
            }

            for (var day = period.Start; day < period.End; day = day.AddDays(1))
            {
                taken[space.Id][day.DayNumber - from.DayNumber]++;
            }
        }

        db.CoworkingPasses.AddRange(passes);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether one more seat fits on every day of [start, end) (days past the window count as free: the window covers the passes).</summary>
    private static bool Fits(int[] taken, int seats, DateOnly start, DateOnly end, DateOnly from, DateOnly until)
    {
        for (var day = start; day < end && day < until; day = day.AddDays(1))
        {
            if (taken[day.DayNumber - from.DayNumber] + 1 > seats)
            {
                return false;
            }
        }

        return true;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
