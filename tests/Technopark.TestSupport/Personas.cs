using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Companies;
using Technopark.Domain.Programmes;
using Technopark.Domain.Sites;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;

namespace Technopark.TestSupport;

/// <summary>The people of the authorization matrix.</summary>
public enum Persona
{
    Anonymous,
    Applicant,
    ReviewerTanger,
    ManagerTanger,
    ManagerOujda,
    NetworkAdmin,

    /// <summary>Owner of <see cref="Personas.ResidentCompany"/> (Tanger).</summary>
    CompanyOwner,

    /// <summary>Member of <see cref="Personas.ResidentCompany"/>.</summary>
    CompanyMember,

    /// <summary>Owner of <see cref="Personas.OtherCompany"/> (Tanger too): a resident of the same site, not of the company.</summary>
    OtherCompanyOwner,

    /// <summary>Member of <see cref="Personas.AlumniCompany"/>, which graduated from Tanger.</summary>
    Alumnus,

    /// <summary>Coach at Tanger (site role <c>Coach</c>), named coach of <see cref="Personas.ResidentCompany"/>'s enrolment in <see cref="Personas.CoachedProgramme"/>.</summary>
    CoachTanger,
}

/// <summary>The ids of the personas' companies.</summary>
public sealed record PersonaCompanies(int Resident, int Other, int Alumni);

public static partial class Personas
{
    public const string Password = "Persona-Password-2026";

    public static readonly IReadOnlyList<Persona> All = Enum.GetValues<Persona>();

    public static string Email(Persona persona) => $"{persona.ToString().ToLowerInvariant()}@test.technopark.ma";

    /// <summary>Creates the persona's account (confirmed email, role, site staff row) if it does not exist yet.</summary>
    public static async Task EnsureAsync(WebApplicationFactory<Program> factory, Persona persona)
    {
        if (persona == Persona.Anonymous)
        {
            return;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = Email(persona);
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, Password));
        var (role, slug, siteRole) = persona switch
        {
            Persona.NetworkAdmin => (Roles.NetworkAdmin, (string?)null, (SiteRole?)null),
            Persona.ManagerTanger => ((string?)null, "tanger", SiteRole.SiteManager),
            Persona.ManagerOujda => ((string?)null, "oujda", SiteRole.SiteManager),
            Persona.ReviewerTanger => ((string?)null, "tanger", SiteRole.Reviewer),
            Persona.CoachTanger => ((string?)null, "tanger", SiteRole.Coach),
            _ => ((string?)null, (string?)null, (SiteRole?)null),
        };
        if (role is not null)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }

            Check(await users.AddToRoleAsync(user, role));
        }

        if (slug is not null && siteRole is { } r)
        {
            var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
            var siteId = await db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
            db.SiteStaff.Add(SiteStaff.Create(user.Id, siteId, r));
            await db.SaveChangesAsync();
            if (persona == Persona.CoachTanger)
            {
                await CoachAsync(db, siteId, user.Id);
            }
        }

        var membership = persona switch
        {
            Persona.CompanyOwner => (ResidentCompany, CompanyRole.Owner),
            Persona.CompanyMember => (ResidentCompany, CompanyRole.Member),
            Persona.OtherCompanyOwner => (OtherCompany, CompanyRole.Owner),
            Persona.Alumnus => (AlumniCompany, CompanyRole.Member),
            _ => ((string?)null, CompanyRole.Member),
        };
        if (membership is ({ } company, var companyRole))
        {
            var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
            var companyId = await CompanyIdAsync(db, company);
            db.CompanyMembers.Add(CompanyMember.Create(companyId, user.Id, companyRole, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow()));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The Tanger programme the resident persona company follows, coached by <see cref="Persona.CoachTanger"/>.</summary>
    public const string CoachedProgramme = "Persona Incubation";

    public static readonly DateOnly CoachedSince = new(2026, 1, 5);

    /// <summary>Enrols the resident persona company in <see cref="CoachedProgramme"/> (created when missing) with <paramref name="coachId"/> as its coach.</summary>
    private static async Task CoachAsync(TechnoparkDbContext db, int siteId, string coachId)
    {
        var programme = await db.Programmes.SingleOrDefaultAsync(p => p.SiteId == siteId && p.Name == CoachedProgramme);
        if (programme is null)
        {
            programme = Programme.Create(siteId, ProgrammeKind.Incubation, CoachedProgramme, 24, null, ["MVP", "Premier client payant"]);
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
        }

        var companyId = await CompanyIdAsync(db, ResidentCompany);
        var current = await db.Enrolments.SingleOrDefaultAsync(e => e.CompanyId == companyId && e.Period.End == null);
        if (current is null)
        {
            db.Enrolments.Add(Enrolment.Create(programme, companyId, siteId, coachId, CoachedSince));
        }
        else
        {
            current.ChangeCoach(coachId, current.Period.Start);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The legal names of the personas' companies, all of Tanger; the alumni company graduated on <see cref="AlumniExitedOn"/>.</summary>
    public const string ResidentCompany = "Persona Résidente SARL", OtherCompany = "Persona Voisine SARL", AlumniCompany = "Persona Alumni SARL";

    public static readonly DateOnly AlumniExitedOn = new(2021, 6, 30);

    /// <summary>The ids of the personas' companies, created when missing (with no member and no assignment).</summary>
    public static async Task<PersonaCompanies> CompaniesAsync(WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        return new PersonaCompanies(await CompanyIdAsync(db, ResidentCompany), await CompanyIdAsync(db, OtherCompany), await CompanyIdAsync(db, AlumniCompany));
    }

    private static async Task<int> CompanyIdAsync(TechnoparkDbContext db, string legalName)
    {
        var id = await db.Companies.Where(c => c.LegalName == legalName).Select(c => (int?)c.Id).FirstOrDefaultAsync();
        if (id is { } found)
        {
            return found;
        }

        var siteId = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
        var company = Company.Create(siteId, legalName, CompanyForm.Startup, Sectors.All.First());
        if (legalName == AlumniCompany)
        {
            company.Leave(ExitReason.Graduated, AlumniExitedOn);
        }

        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company.Id;
    }

    /// <summary>
    /// A client that keeps cookies and does not follow redirects, signed in through the real sign-in form.
    /// Any factory of the app will do, such as one derived with <c>WithWebHostBuilder</c>.
    /// </summary>
    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> factory, Persona persona)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (persona == Persona.Anonymous)
        {
            return client;
        }

        await EnsureAsync(factory, persona);
        using var response = await PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = Email(persona),
            ["Input.Password"] = Password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {persona} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>
    /// One request of the signed-in client, so that its session is found valid and remembered (SessionValidation): the commands
    /// of its next requests are those of the page alone, as for a session that has been browsing.
    /// </summary>
    public static async Task SessionCheckedAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/Identity/Account/Manage");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Not signed in: {(int)response.StatusCode}");
        }
    }

    /// <summary>GETs the form page, then posts the fields with its antiforgery token (as a browser does).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        fields["__RequestVerificationToken"] = Token(await client.GetStringAsync(formPage ?? url));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of a page's first form, decoded, as a browser would send it back.</summary>
    public static string Token(string html) => AntiforgeryToken().Match(html) is { Success: true } token
        ? WebUtility.HtmlDecode(token.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>The page without its per-request antiforgery tokens, to compare two answers.</summary>
    public static string WithoutTokens(string html) => AntiforgeryToken().Replace(html, "__RequestVerificationToken");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
