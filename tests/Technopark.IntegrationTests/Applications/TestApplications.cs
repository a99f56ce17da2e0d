using Technopark.Domain.Applications;

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
}
