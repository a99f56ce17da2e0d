using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Data;

namespace Technopark.IntegrationTests.Applications;

/// <summary>The one complete application the tests build: a project, a team, a market and a pitch deck, ready to submit.</summary>
public static class TestApplications
{
    /// <summary>Fills every step of <paramref name="application"/> (the pitch deck is recorded, not written to disk).</summary>
    public static void Complete(Application application, string sector, DateTimeOffset now, string project = "Projet test")
    {
        application.DescribeProject(project, "Résumé", sector, ProjectStage.Idea, now);
        application.DescribeTeam("Contact", "contact@example.ma", "0612345678", 3, null, null, now);
        application.DescribeMarket("Maroc", "Abonnements", now);
        application.AttachDocument(DocumentKind.PitchDeck, "deck.pdf", Guid.NewGuid().ToString("N") + ".pdf", "application/pdf", 100, now);
    }

    /// <summary>A complete application of <paramref name="applicantId"/> to the site, submitted, saved; its id.</summary>
    public static async Task<int> SubmittedAsync(TechnoparkDbContext db, string applicantId, string slug, DateTimeOffset now, string project = "Projet test")
    {
        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        var application = Application.Start(applicantId, site.Id, Programme.Incubation, now);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        Complete(application, site.FocusSectors.First(), now, project);
        application.Submit(now);
        await db.SaveChangesAsync();
        return application.Id;
    }
}
