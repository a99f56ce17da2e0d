using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;

namespace Technopark.Infrastructure.Data.Seeding;

/// <summary>
/// Demo data for the run command's demo mode, never for Production.
/// INVENTED: every space count (except Khémisset's, which follows the published plan: 34 offices,
/// 3 coworking spaces, 1 meeting room, 2 proximity services), every area, rate, company, declaration
/// and assignment below. A fixed random seed keeps it the same from one run to the next;
/// dates are relative to the day of seeding so the board always has current, ending and past assignments.
/// A site that already has spaces is left alone, so seeding twice changes nothing.
/// </summary>
public static class DemoData
{
    /// <summary>Invented inventories: (offices, floors, coworking spaces, seats per coworking, extras).</summary>
    private static readonly Dictionary<string, Inventory> Inventories = new()
    {
        ["casablanca"] = new(Offices: 60, Floors: 3, Coworkings: 2, CoworkingSeats: 30, Rate: 4200m),
        ["rabat"] = new(Offices: 40, Floors: 2, Coworkings: 1, CoworkingSeats: 24, Rate: 3900m),
        ["tanger"] = new(Offices: 80, Floors: 4, Coworkings: 1, CoworkingSeats: 40, Rate: 3500m, Conference: true),
        ["agadir"] = new(Offices: 30, Floors: 2, Coworkings: 1, CoworkingSeats: 20, Rate: 2800m),
        ["essaouira"] = new(Offices: 20, Floors: 2, Coworkings: 2, CoworkingSeats: 25, Rate: 2500m),
        ["oujda"] = new(Offices: 48, Floors: 3, Coworkings: 1, CoworkingSeats: 20, Rate: 2600m),
        ["khemisset"] = new(Offices: 34, Floors: 2, Coworkings: 3, CoworkingSeats: 8, Rate: 2200m, Proximity: 2),
    };

    private static readonly (string Latin, string Arabic)[] Names =
    [
        ("Atlas Numérique", "أطلس الرقمية"), ("Sahara Solaire", "صحراء الشمسية"), ("Argane Tech", "أركان تك"),
        ("Médina Labs", "مختبرات المدينة"), ("Oasis Data", "واحة البيانات"), ("Rif Innov", "الريف للابتكار"),
        ("Souss Agro Digital", "سوس الزراعية الرقمية"), ("Tamazight Studio", "استوديو تمازيغت"), ("Zellige Design", "زليج للتصميم"),
        ("Bouregreg Cloud", "سحابة أبي رقراق"), ("Mogador Créations", "إبداعات موكادور"), ("Oriental Green", "الشرق الأخضر"),
        ("Détroit Logistique", "مضيق اللوجستيك"), ("Kasbah Games", "ألعاب القصبة"), ("Nour Énergie", "نور للطاقة"),
        ("Amal FinTech", "أمل للتكنولوجيا المالية"), ("Chergui IoT", "الشرقي لإنترنت الأشياء"), ("Safran Analytics", "الزعفران للتحليلات"),
        ("Tadelakt Média", "تادلاكت ميديا"), ("Menara Robotics", "منارة للروبوتات"), ("Ifrane Santé Numérique", "إفران للصحة الرقمية"),
        ("Oued Smart Water", "الوادي للمياه الذكية"), ("Cèdre Cyber", "الأرز للأمن السيبراني"), ("Dunes Tourisme Digital", "الكثبان للسياحة الرقمية"),
    ];

    /// <summary>Who made the demo declarations and validations (as the migration of the old yearly snapshots).</summary>
    private const string DemoUser = "system";

    private static readonly CompanyForm[] Forms =
    [
        CompanyForm.Startup, CompanyForm.Startup, CompanyForm.Startup, CompanyForm.Tpe, CompanyForm.Pme,
        CompanyForm.ProjectHolder, CompanyForm.AutoEntrepreneur, CompanyForm.LargeCompany, CompanyForm.DigitalNomad,
    ];

    public static async Task ApplyAsync(TechnoparkDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var sites = await db.Sites.Where(s => Inventories.Keys.Contains(s.Slug)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var seeded = await db.Spaces.Select(s => s.SiteId).Distinct().ToListAsync(cancellationToken);
        foreach (var site in sites.Where(s => !seeded.Contains(s.Id)))
        {
            await SeedSiteAsync(db, site, Inventories[site.Slug], today, cancellationToken);
        }
    }

    private static async Task SeedSiteAsync(TechnoparkDbContext db, Site site, Inventory inventory, DateOnly today, CancellationToken cancellationToken)
    {
        var random = new Random(2026 + site.Id);
        var spaces = BuildSpaces(site, inventory, random);
        db.Spaces.AddRange(spaces);
        if (site.Status != SiteStatus.Operational)
        {
            await db.SaveChangesAsync(cancellationToken); // planned inventory only: nobody is hosted yet
            return;
        }

        var companies = BuildCompanies(site, inventory.Offices, random, today);
        db.Companies.AddRange(companies);
        await db.SaveChangesAsync(cancellationToken);
        var assignments = BuildAssignments(spaces, companies, random, today).ToList();
        db.Assignments.AddRange(assignments);
        RenovatedLastYear(spaces, assignments, today);
        await db.SaveChangesAsync(cancellationToken);
        db.Declarations.AddRange(BuildDeclarations(companies, assignments, new Random(4052 + site.Id), today));
        await db.SaveChangesAsync(cancellationToken);
        await SeedWaitingListAsync(db, site, random, today, cancellationToken);
    }

    private static List<Space> BuildSpaces(Site site, Inventory inventory, Random random)
    {
        var spaces = new List<Space>();
        var perFloor = (int)Math.Ceiling(inventory.Offices / (double)inventory.Floors);
        for (var i = 0; i < inventory.Offices; i++)
        {
            // Offices fill floors 1, 2, … (the shared spaces are on the ground floor, 0) and their code says the
            // floor, as in the inventory examples (B-204 is on floor 2): A-101 on floor 1, A-412 on floor 4.
            var floor = i / perFloor + 1;
            var code = $"A-{floor}{(i % perFloor) + 1:00}";
            var area = 12 + random.Next(0, 7) * 4;
            var rate = decimal.Round(inventory.Rate * area / 200m) * 10;
            spaces.Add(Space.Create(site.Id, code, SpaceKind.Office, floor, area, Math.Max(2, area / 6), rate));
        }

        for (var i = 1; i <= inventory.Coworkings; i++)
        {
            spaces.Add(Space.Create(site.Id, $"CW-{i}", SpaceKind.Coworking, 0, inventory.CoworkingSeats * 4m, inventory.CoworkingSeats, 600m));
        }

        spaces.Add(Space.Create(site.Id, "MR-1", SpaceKind.MeetingRoom, 0, 30m, 12, 0m));
        if (inventory.Conference)
        {
            spaces.Add(Space.Create(site.Id, "CONF", SpaceKind.ConferenceRoom, 0, 320m, 200, 0m));
            spaces.Add(Space.Create(site.Id, "TR-1", SpaceKind.TrainingRoom, 1, 60m, 25, 0m));
        }

        for (var i = 1; i <= inventory.Proximity; i++)
        {
            spaces.Add(Space.Create(site.Id, $"PS-{i}", SpaceKind.ProximityService, 0, 40m, 4, 3000m));
        }

        return spaces;
    }

    private static List<Company> BuildCompanies(Site site, int count, Random random, DateOnly today)
    {
        var companies = new List<Company>();
        for (var i = 0; i < count; i++)
        {
            var (latin, arabic) = Names[(i + site.Id * 7) % Names.Length];
            var suffix = i < Names.Length ? string.Empty : $" {i / Names.Length + 1}";
            var form = Forms[random.Next(Forms.Length)];
            var registered = form is not (CompanyForm.ProjectHolder or CompanyForm.DigitalNomad);
            var ice = registered ? $"{site.Id:000}{i:000000}{random.Next(0, 999_999):000000}" : null;
            var sector = site.FocusSectors.Count > 0 ? site.FocusSectors[random.Next(site.FocusSectors.Count)] : Sectors.Digital;
            var (residents, alumni) = Split(count);
            var isAlumnus = i >= residents && i < residents + alumni;
            var founded = isAlumnus ? today.AddYears(-9).AddDays(-random.Next(0, 1500)) : today.AddDays(-random.Next(200, 3000));
            var company = Company.Create(site.Id, $"{latin}{suffix} ({site.City})", form, sector, ice, $"{arabic}{suffix}", founded);
            companies.Add(company);
        }

        return companies;
    }

    /// <summary>
    /// The first office nobody ever held was out of service for two months last year (renovation): its edit page lists the
    /// period, and the figures of those days leave it out.
    /// </summary>
    private static void RenovatedLastYear(List<Space> spaces, List<Assignment> assignments, DateOnly today)
    {
        var held = assignments.Select(a => a.SpaceId).ToHashSet();
        if (spaces.FirstOrDefault(s => s.Kind == SpaceKind.Office && !held.Contains(s.Id)) is { } office)
        {
            office.Deactivate(null, today.AddDays(-200));
            office.Activate(today.AddDays(-140));
        }
    }

    /// <summary>
    /// About 60 % of the offices are held today (a fifth of them ending within 60 days), an eighth of
    /// the companies are alumni whose assignment ended (graduated or closed), the rest use coworking seats.
    /// </summary>
    private static IEnumerable<Assignment> BuildAssignments(List<Space> spaces, List<Company> companies, Random random, DateOnly today)
    {
        var offices = spaces.Where(s => s.Kind == SpaceKind.Office).ToList();
        var coworkings = spaces.Where(s => s.Kind == SpaceKind.Coworking).ToList();
        var (residentCount, alumniCount) = Split(companies.Count);
        var residents = companies.Take(residentCount).ToList();
        var alumni = companies.Skip(residentCount).Take(alumniCount).ToList();
        var coworkers = companies.Skip(residents.Count + alumni.Count).ToList();
        for (var i = 0; i < residents.Count; i++)
        {
            var start = today.AddDays(-random.Next(30, 1500));
            DateOnly? end = (i % 5) switch
            {
                0 => today.AddDays(random.Next(5, 60)),
                1 => today.AddDays(random.Next(61, 400)),
                _ => null,
            };
            yield return Assignment.Create(offices[i], residents[i], new DateRange(start, end));
        }

        for (var i = 0; i < alumni.Count; i++)
        {
            var office = offices[(residents.Count + i) % offices.Count];
            // A third left within the last year (the 12-month turnover), the others years ago.
            var end = i % 3 == 0 ? today.AddDays(-random.Next(20, 330)) : today.AddYears(-8).AddDays(random.Next(365, 1600));
            var start = end.AddDays(-random.Next(365, 1100));
            var closed = i % 3 == 2;
            var assignment = Assignment.Create(office, alumni[i], new DateRange(start, null));
            assignment.EndOn(end, closed ? AssignmentEnd.Closed : AssignmentEnd.Graduated);
            alumni[i].Leave(closed ? ExitReason.Closed : ExitReason.Graduated, end);
            yield return assignment;
        }

        if (coworkings.Count == 0)
        {
            yield break;
        }

        var seatsLeft = coworkings.ToDictionary(c => c, c => c.Seats * 3 / 4); // keep a quarter free
        foreach (var (company, index) in coworkers.Select((c, i) => (c, i)))
        {
            var space = coworkings[index % coworkings.Count];
            var seats = Math.Min(seatsLeft[space], 1 + random.Next(3));
            if (seats > 0)
            {
                seatsLeft[space] -= seats;
                yield return Assignment.Create(space, company, new DateRange(today.AddDays(-random.Next(10, 300)), null), seats);
            }
        }
    }

    /// <summary>
    /// The companies' declarations, through <see cref="Declaration"/> as members and staff make them: each year the
    /// schedule asks for (<see cref="ReportingSchedule"/>), about one in eight missing; most validated, some only declared,
    /// a few corrected by the site; some residents also declare this year's ended quarters; closed alumni confirm they are
    /// no longer active, one graduated alumnus in six stops being active some years after leaving, and the others' fifth
    /// year after leaving is declared and validated (the survival rate rests on it).
    /// </summary>
    private static IEnumerable<Declaration> BuildDeclarations(List<Company> companies, List<Assignment> assignments, Random random, DateOnly today)
    {
        var now = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var firstHosted = assignments.GroupBy(a => a.CompanyId).ToDictionary(g => g.Key, g => g.Min(a => a.Period.Start));
        foreach (var company in companies.Where(c => firstHosted.ContainsKey(c.Id)))
        {
            var registered = company.Ice is not null;
            var headcount = (decimal)random.Next(1, 8);
            var revenue = registered ? random.Next(50, 2000) * 1000m : 0m;
            int? stopsIn = company.ExitReason == ExitReason.Closed ? company.ExitedOn!.Value.Year
                : company.HasLeft && random.Next(6) == 0 ? company.ExitedOn!.Value.Year + random.Next(1, ReportingSchedule.AlumniYears + 1) : null;
            var lastAlumniYear = company.HasLeft ? company.ExitedOn!.Value.Year + ReportingSchedule.AlumniYears : (int?)null;
            foreach (var year in ReportingSchedule.YearsDue(firstHosted[company.Id], company.ExitReason, company.ExitedOn, null, today))
            {
                headcount = Math.Max(0m, headcount + (random.Next(-2, 5) / 2m));
                revenue = decimal.Round(revenue * (0.9m + (random.Next(0, 50) / 100m)), 2);
                var fifthYearAfterLeaving = year == lastAlumniYear;
                if (random.Next(8) == 0 && !fifthYearAfterLeaving)
                {
                    continue; // missing: the site will remind them
                }

                var active = stopsIn is not { } stop || year < stop;
                var funds = random.Next(5) == 0 ? random.Next(1, 50) * 10_000m : 0m;
                var declaration = Declare(company.Id, new ReportingPeriod(year), headcount, revenue, funds, active, random, now, today);
                if (fifthYearAfterLeaving && declaration.Status != DeclarationStatus.Validated)
                {
                    declaration.Validate(DemoUser, now); // alumni that kept reporting: their fifth year is known, as the survival rate needs
                }

                yield return declaration;
                if (!active)
                {
                    break;
                }
            }

            if (!company.HasLeft && random.Next(3) == 0)
            {
                for (var quarter = 1; quarter <= 4 && new ReportingPeriod(today.Year, quarter).CountsOn(today); quarter++)
                {
                    headcount += random.Next(0, 3) / 2m;
                    yield return Declare(company.Id, new ReportingPeriod(today.Year, quarter), headcount, decimal.Round(revenue / 4, 2), 0m, true, random, now, today);
                }
            }
        }
    }

    private static Declaration Declare(int companyId, ReportingPeriod period, decimal headcount, decimal revenue, decimal funds, bool active, Random random, DateTimeOffset now, DateOnly today)
    {
        var declaration = Declaration.Create(companyId, period, DeclarationFigures.Create(headcount, revenue, funds, 0m, 0m, 0m, active), DemoUser, now, today);
        var check = random.Next(10);
        if (check == 0)
        {
            declaration.Correct(DeclarationFigures.Create(headcount + 1m, revenue, funds, 0m, 0m, 0m, active), "Effectif corrigé d'après la liste du personnel.", DemoUser, now);
        }
        else if (check < 8)
        {
            declaration.Validate(DemoUser, now);
        }

        return declaration; // else: declared, not validated yet
    }

    /// <summary>Four project holders and startups waiting for a space (invented), at different priorities.</summary>
    private static async Task SeedWaitingListAsync(TechnoparkDbContext db, Site site, Random random, DateOnly today, CancellationToken cancellationToken)
    {
        (string Name, string Arabic, CompanyForm Form, SpaceKind Kind, int Seats, int Priority)[] waiting =
        [
            ("Noria Water Tech", "نورية لتكنولوجيا المياه", CompanyForm.Startup, SpaceKind.Office, 3, 2),
            ("Atay Digital", "أتاي الرقمية", CompanyForm.ProjectHolder, SpaceKind.Office, 2, 3),
            ("Fibule Fashion Lab", "مختبر الخلالة للموضة", CompanyForm.AutoEntrepreneur, SpaceKind.Coworking, 1, 3),
            ("Sirocco Mobility", "سيروكو للتنقل", CompanyForm.Startup, SpaceKind.Office, 4, 4),
        ];
        var companies = waiting.Select(w => Company.Create(site.Id, $"{w.Name} ({site.City})", w.Form,
            site.FocusSectors.Count > 0 ? site.FocusSectors[random.Next(site.FocusSectors.Count)] : Sectors.Digital, arabicName: w.Arabic)).ToList();
        db.Companies.AddRange(companies);
        await db.SaveChangesAsync(cancellationToken);
        db.WaitingList.AddRange(waiting.Select((w, i) =>
            WaitingListEntry.Create(companies[i], w.Kind, w.Seats, today.AddDays(-random.Next(5, 120)), w.Priority)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>As many companies as offices: 60 % hold an office, an eighth are alumni, the rest cowork.</summary>
    private static (int Residents, int Alumni) Split(int companies) => (companies * 3 / 5, companies / 8);

    private sealed record Inventory(int Offices, int Floors, int Coworkings, int CoworkingSeats, decimal Rate,
        bool Conference = false, int Proximity = 0);
}
