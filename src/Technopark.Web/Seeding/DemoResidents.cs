using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo's resident side (demo mode only), shared with every feature's seeder by legal name:
/// <see cref="ResidentCompany"/>, resident at Tanger (owner <c>resident@</c>, member <c>cofondatrice@</c>, a current office
/// and a past coworking assignment, a pending invitation for <c>associe@</c>), and <see cref="AlumniCompany"/>, graduated
/// from Tanger on 31/07/2020 (member <c>alumni@</c>) with validated yearly declarations from 2016 to the last year ended
/// (five years after its exit included). Every figure is invented. Idempotent: what exists is left as it is.
/// </summary>
public sealed class DemoResidents(
    UserManager<ApplicationUser> users,
    TechnoparkDbContext db,
    IConfiguration configuration,
    TimeProvider clock) : IDemoSeeder
{
    public const string ResidentCompany = "Bab Bahr Robotics SARL", AlumniCompany = "Noor Sahara Energy SARL";

    public const string Owner = "resident@technopark.ma", Cofounder = "cofondatrice@technopark.ma", Alumnus = "alumni@technopark.ma",
        Invited = "associe@technopark.ma";

    /// <summary>The alumni company's office assignment: its first day and its last day (it left the day after, graduated).</summary>
    public static readonly DateOnly AlumniStart = new(2016, 9, 1), AlumniLastDay = new(2020, 7, 31);

    private static readonly (string Email, string Name)[] Accounts =
    [
        (Owner, "Yasmine El Idrissi"), (Cofounder, "Salma Bennani"), (Alumnus, "Omar Tazi"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var password = configuration["TECHNOPARK_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DemoAccounts.DefaultPassword;
        var ids = new Dictionary<string, string>();
        foreach (var (email, name) in Accounts)
        {
            ids[email] = await AccountAsync(email, name, password);
        }

        var tanger = await db.Sites.SingleAsync(s => s.Slug == "tanger", cancellationToken);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var resident = await ResidentAsync(tanger, today, cancellationToken);
        await MemberAsync(resident, ids[Owner], CompanyRole.Owner, now, cancellationToken);
        await MemberAsync(resident, ids[Cofounder], CompanyRole.Member, now, cancellationToken);
        if (!await db.CompanyInvitations.AnyAsync(i => i.CompanyId == resident.Id && i.Email == Invited && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken))
        {
            // The link is never sent: the token is thrown away, as after any email; only its hash is kept.
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(CompanyTeam.TokenBytes));
            db.CompanyInvitations.Add(CompanyInvitation.Create(resident.Id, Invited, CompanyRole.Member, CompanyTeam.HashOf(token), ids[Owner], now));
            await db.SaveChangesAsync(cancellationToken);
        }

        var alumni = await AlumniAsync(tanger, cancellationToken);
        await MemberAsync(alumni, ids[Alumnus], CompanyRole.Owner, now, cancellationToken);
        await DeclarationsAsync(alumni, ids[Alumnus], today, now, cancellationToken);
    }

    private async Task<string> AccountAsync(string email, string name, string password)
    {
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing.Id;
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded ? user.Id
            : throw new InvalidOperationException("Demo account seeding failed: " + string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// Bab Bahr Robotics: a coworking desk for a year (two seats, when they fit), then the first free active office of
    /// Tanger, open-ended, at the office's rate. The Domain decides what may be assigned; the database refuses overlaps.
    /// </summary>
    private async Task<Company> ResidentAsync(Site tanger, DateOnly today, CancellationToken cancellationToken)
    {
        if (await db.Companies.FirstOrDefaultAsync(c => c.LegalName == ResidentCompany, cancellationToken) is { } existing)
        {
            return existing;
        }

        var sector = tanger.FocusSectors.Contains(Sectors.Digital) ? Sectors.Digital : tanger.FocusSectors.First();
        var company = Company.Create(tanger.Id, ResidentCompany, CompanyForm.Startup, sector, foundedOn: today.AddYears(-3));
        company.UpdateProfile("https://babbahr-robotics.example.ma", "Des robots de tri pour les ateliers et entrepôts du nord du Maroc.", sector, listedInDirectory: true);
        db.Companies.Add(company);
        await db.SaveChangesAsync(cancellationToken);

        var moved = today.AddYears(-1);
        var coworking = await db.Spaces.Where(s => s.SiteId == tanger.Id && s.Kind == SpaceKind.Coworking && s.IsActive)
            .OrderBy(s => s.Code).FirstOrDefaultAsync(cancellationToken);
        if (coworking is not null)
        {
            var period = new DateRange(moved.AddYears(-1), moved);
            var held = await db.Assignments.Where(a => a.SpaceId == coworking.Id)
                .Select(a => new OfficeAllocation.Held(a.Period.Start, a.Period.End, a.Seats)).ToListAsync(cancellationToken);
            try
            {
                OfficeAllocation.EnsureSeatsFit(coworking, 2, period, held);
                var desk = Assignment.Create(coworking, company, new DateRange(period.Start, null), seats: 2);
                desk.EndOn(moved, AssignmentEnd.Transferred);
                db.Assignments.Add(desk);
            }
            catch (DomainException)
            {
                // A full coworking space that year: the company starts in its office.
            }
        }

        var office = await FreeOfficeAsync(tanger.Id, moved, null, cancellationToken);
        if (office is not null)
        {
            db.Assignments.Add(Assignment.Create(office, company, new DateRange(moved, null)));
        }

        await db.SaveChangesAsync(cancellationToken);
        return company;
    }

    /// <summary>Noor Sahara Energy: an office from 01/09/2016 to 31/07/2020, then it graduated.</summary>
    private async Task<Company> AlumniAsync(Site tanger, CancellationToken cancellationToken)
    {
        if (await db.Companies.FirstOrDefaultAsync(c => c.LegalName == AlumniCompany, cancellationToken) is { } existing)
        {
            return existing;
        }

        var sector = tanger.FocusSectors.Contains(Sectors.RenewableEnergy) ? Sectors.RenewableEnergy : tanger.FocusSectors.First();
        var company = Company.Create(tanger.Id, AlumniCompany, CompanyForm.Startup, sector, foundedOn: new DateOnly(2016, 3, 14));
        db.Companies.Add(company);
        await db.SaveChangesAsync(cancellationToken);
        var end = AlumniLastDay.AddDays(1);
        if (await FreeOfficeAsync(tanger.Id, AlumniStart, end, cancellationToken) is { } office)
        {
            var assignment = Assignment.Create(office, company, new DateRange(AlumniStart, null));
            assignment.EndOn(end, AssignmentEnd.Graduated);
            db.Assignments.Add(assignment);
        }

        company.Leave(ExitReason.Graduated, AlumniLastDay);
        await db.SaveChangesAsync(cancellationToken);
        return company;
    }

    /// <summary>An active office of the site that nobody holds over [<paramref name="from"/>, <paramref name="until"/>) (null: open).</summary>
    private Task<Space?> FreeOfficeAsync(int siteId, DateOnly from, DateOnly? until, CancellationToken cancellationToken) =>
        db.Spaces.Where(s => s.SiteId == siteId && s.Kind == SpaceKind.Office && s.IsActive)
            .Where(s => !db.Assignments.Any(a => a.SpaceId == s.Id && (until == null || a.Period.Start < until) && (a.Period.End == null || a.Period.End > from)))
            .OrderBy(s => s.Code).FirstOrDefaultAsync(cancellationToken);

    private async Task MemberAsync(Company company, string userId, CompanyRole role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.CompanyMembers.AnyAsync(m => m.CompanyId == company.Id && m.UserId == userId, cancellationToken))
        {
            db.CompanyMembers.Add(CompanyMember.Create(company.Id, userId, role, now));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// One validated declaration a year from its first year to the last one ended (2016–2025 in 2026): a team and a
    /// revenue that grow, a grant, a prize, an equity round and a loan along the way, still active. Invented figures.
    /// </summary>
    private async Task DeclarationsAsync(Company company, string memberId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var managerId = await db.Users.Where(u => u.NormalizedEmail == "MANAGER.TANGER@TECHNOPARK.MA").Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var declared = await db.Declarations.Where(d => d.CompanyId == company.Id && d.Quarter == null).Select(d => d.Year).ToListAsync(cancellationToken);
        for (var year = AlumniStart.Year; new ReportingPeriod(year).CountsOn(today); year++)
        {
            if (declared.Contains(year))
            {
                continue;
            }

            var age = year - AlumniStart.Year;
            var figures = DeclarationFigures.Create(
                headcount: 2m + (age * 1.5m),
                revenue: decimal.Round(250_000m * (decimal)Math.Pow(1.35, age), 2),
                fundsGrant: year == 2016 ? 200_000m : 0m,
                fundsLoan: year == 2022 ? 500_000m : 0m,
                fundsEquity: year == 2019 ? 1_500_000m : 0m,
                fundsPrize: year == 2017 ? 50_000m : 0m,
                stillActive: true);
            var declaration = Declaration.Create(company.Id, new ReportingPeriod(year), figures, memberId, now, today);
            declaration.Validate(managerId ?? memberId, now);
            db.Declarations.Add(declaration);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
