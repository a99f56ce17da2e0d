using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Applications;

/// <summary>An email goes out in its reader's language, not in the language of whoever caused it.</summary>
public class EmailLanguageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Decision_ByAFrenchSpeakingManager_ReachesAnEnglishReadingApplicantInEnglish()
    {
        using var applicant = await Personas.ClientAsync(app.Factory, Persona.Applicant);
        using (var switched = await Personas.PostFormAsync(applicant, "/language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        await Personas.EnsureAsync(app.Factory, Persona.ReviewerTanger);
        int id;
        await using (var db = app.Database.CreateContext())
        {
            var applicantId = await db.Users.Where(u => u.Email == Personas.Email(Persona.Applicant)).Select(u => u.Id).SingleAsync();
            var reviewerId = await db.Users.Where(u => u.Email == Personas.Email(Persona.ReviewerTanger)).Select(u => u.Id).SingleAsync();
            var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
            var now = app.Factory.Clock.GetUtcNow();
            var application = Application.Start(applicantId, site.Id, Programme.Incubation, now);
            application.DescribeProject("Polyglot", "Traduction automatique darija", site.FocusSectors[0], ProjectStage.Mvp, now);
            application.DescribeTeam("Amina", "amina@example.ma", "0612345678", 2, null, null, now);
            application.DescribeMarket("Maroc", "Abonnements", now);
            application.AttachDocument(DocumentKind.PitchDeck, "deck.pdf", Guid.NewGuid().ToString("N") + ".pdf", "application/pdf", 100, now);
            application.Submit(now);
            application.AssignReviewer(reviewerId, reviewerId, now);
            application.Score(reviewerId, 4, 4, 4, 4, 4, null, now);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            id = application.Id;
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger); // reads French (no cookie)
        using var decided = await Personas.PostFormAsync(manager, $"/manage/tanger/applications/{id}?handler=Decide",
            new() { ["Decision"] = "Accept", ["Reason"] = "Équipe solide et marché clair." }, formPage: $"/manage/tanger/applications/{id}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        await using var check = app.Database.CreateContext();
        var email = await check.Outbox.Where(m => m.To == Personas.Email(Persona.Applicant)).OrderByDescending(m => m.Id).FirstAsync();
        Assert.StartsWith("Decision on your application", email.Subject, StringComparison.Ordinal);
    }
}
