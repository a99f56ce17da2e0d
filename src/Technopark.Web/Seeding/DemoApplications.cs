using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.Domain.Companies;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web.Pages.Apply;

namespace Technopark.Web.Seeding;

/// <summary>
/// Demo applications (invented) in every state for Tanger and Oujda, from startup@technopark.ma, with a
/// tiny pitch deck and, from "submitted" on, reviews by the site's demo reviewer. Runs after
/// <see cref="DemoAccounts"/>; does nothing when any application exists.
/// </summary>
public sealed class DemoApplications(TechnoparkDbContext db, DocumentStorage storage, TimeProvider clock) : IDemoSeeder
{
    /// <summary>The smallest valid PDF (one empty page).</summary>
    public static readonly byte[] TinyPdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static readonly ApplicationState[] States =
    [
        ApplicationState.Draft, ApplicationState.Submitted, ApplicationState.UnderReview, ApplicationState.Accepted,
        ApplicationState.Rejected, ApplicationState.Waitlisted, ApplicationState.Withdrawn,
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Applications.AnyAsync(cancellationToken))
        {
            return;
        }

        var applicant = await UserIdAsync("startup@technopark.ma", cancellationToken);
        if (applicant is null)
        {
            return;
        }

        foreach (var slug in new[] { "tanger", "oujda" })
        {
            var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, cancellationToken);
            var reviewer = await UserIdAsync($"reviewer.{slug}@technopark.ma", cancellationToken);
            var manager = await UserIdAsync($"manager.{slug}@technopark.ma", cancellationToken);
            if (site is null || reviewer is null || manager is null)
            {
                continue;
            }

            var sector = site.FocusSectors.FirstOrDefault() ?? Domain.Sites.Sectors.It;
            for (var i = 0; i < States.Length; i++)
            {
                await SeedOneAsync(site.Id, site.Name, sector, States[i], i, applicant, reviewer, manager, cancellationToken);
            }
        }
    }

    /// <summary>Invented projects for the demo.</summary>
    private static readonly (string Name, string Summary, string Contact)[] Projects =
    [
        ("Khettara Sense", "Capteurs connectés pour suivre le débit des khettaras et l'irrigation des oasis.", "Salma Benali"),
        ("Souk Pay", "Paiement mobile pour les commerçants des souks, sans terminal.", "Youssef El Amrani"),
        ("Darija Voice", "Assistant vocal en darija pour les services publics en ligne.", "Nadia Ouazzani"),
        ("Argan Trace", "Traçabilité de l'huile d'argan des coopératives jusqu'au client.", "Hicham Tazi"),
        ("Atlas Solar Kits", "Kits solaires en location pour les douars isolés.", "Imane Chraibi"),
        ("Medina 3D", "Visites virtuelles des médinas pour les guides et les riads.", "Omar Bennis"),
        ("Zellige Studio", "Plateforme de design de zellige sur mesure pour les artisans.", "Khadija Alaoui"),
    ];

    private async Task SeedOneAsync(int siteId, string siteName, string sector, ApplicationState state, int index, string applicant,
        string reviewer, string manager, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().AddDays(-30 + (index * 3));
        var programme = index % 3 == 2 ? Programme.Hosting : Programme.Incubation;
        var application = Application.Start(applicant, siteId, programme, now);
        var (name, summary, contact) = Projects[(index + siteId) % Projects.Length];
        application.DescribeProject($"{name} ({siteName.Replace("Technopark ", string.Empty, StringComparison.Ordinal)})", summary, sector, ProjectStage.Mvp, now);
        application.DescribeTeam(contact, "startup@technopark.ma", "0612345678", 2 + index, null, null, now);
        application.DescribeMarket("PME et coopératives marocaines", "Abonnement mensuel et accompagnement à la mise en service", now);
        var stored = $"demo-{siteId}-{index}.pdf";
        await storage.WriteAsync(stored, TinyPdf, cancellationToken);
        application.AttachDocument(DocumentKind.PitchDeck, "pitch-deck.pdf", stored, "application/pdf", TinyPdf.Length, now);
        db.Applications.Add(application);
        if (state != ApplicationState.Draft)
        {
            if (state == ApplicationState.Withdrawn)
            {
                application.Withdraw(now.AddHours(1));
            }
            else
            {
                application.Submit(now.AddHours(1));
                if (state != ApplicationState.Submitted)
                {
                    application.AssignReviewer(reviewer, manager, now.AddDays(1));
                    if (state != ApplicationState.UnderReview)
                    {
                        application.Score(reviewer, 4, 4, 3, 4, 5, "Équipe solide (démo).", now.AddDays(2));
                        var decision = state switch { ApplicationState.Accepted => Decision.Accept, ApplicationState.Rejected => Decision.Reject, _ => Decision.Waitlist };
                        application.Decide(decision, "Décision de démonstration.", 1, manager, now.AddDays(3));
                    }
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (state == ApplicationState.Accepted)
        {
            var company = Company.Create(siteId, name, CompanyForm.Startup, sector);
            db.Companies.Add(company);
            await db.SaveChangesAsync(cancellationToken);
            db.WaitingList.Add(WaitingListEntry.Create(company, SpaceKind.Office, application.TeamSize ?? 1, clock.Today(), applicationId: application.Id));
            application.LinkCompany(company.Id);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private Task<string?> UserIdAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
    }
}
