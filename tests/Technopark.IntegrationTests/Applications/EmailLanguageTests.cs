using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;
using Technopark.Web.Identity;

namespace Technopark.IntegrationTests.Applications;

/// <summary>An email goes out in its reader's language, not in the language of whoever caused it.</summary>
public partial class EmailLanguageTests(AppFixture app) : IClassFixture<AppFixture>
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
            TestApplications.Complete(application, site.FocusSectors[0], now, "Polyglot");
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

    /// <summary>Site names already read "Technopark Tanger": the emails must not add the network's name in front of them.</summary>
    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Emails_SubmittedDecidedAndMessaged_NameTheSiteOnceInEveryLanguage(string language)
    {
        var email = $"une.fois.{language}@test.technopark.ma";
        using var applicant = await ApplicantReadingAsync(email, language);
        await Personas.EnsureAsync(app.Factory, Persona.ReviewerTanger);
        int id;
        string siteName;
        await using (var db = app.Database.CreateContext())
        {
            var applicantId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
            siteName = site.Name;
            var now = app.Factory.Clock.GetUtcNow();
            var application = Application.Start(applicantId, site.Id, Programme.Incubation, now);
            TestApplications.Complete(application, site.FocusSectors[0], now, "Une fois");
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            id = application.Id;
        }

        using (var submitted = await Personas.PostFormAsync(applicant, $"/apply/{id}/submit", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            var reviewerId = await db.Users.Where(u => u.Email == Personas.Email(Persona.ReviewerTanger)).Select(u => u.Id).SingleAsync();
            var application = await db.Applications.Include(a => a.Reviews).Include(a => a.Events).SingleAsync(a => a.Id == id);
            application.AssignReviewer(reviewerId, reviewerId, app.Factory.Clock.GetUtcNow());
            application.Score(reviewerId, 4, 4, 4, 4, 4, null, app.Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var detail = $"/manage/tanger/applications/{id}";
        using (var messaged = await Personas.PostFormAsync(manager, $"{detail}?handler=Message", new() { ["Message"] = "Merci." }, formPage: detail))
        {
            Assert.Equal(HttpStatusCode.Redirect, messaged.StatusCode);
        }

        using (var decided = await Personas.PostFormAsync(manager, $"{detail}?handler=Decide", new() { ["Decision"] = "Accept", ["Reason"] = "Bien." }, formPage: detail))
        {
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        }

        await using var check = app.Database.CreateContext();
        var sent = await check.Outbox.Where(m => m.To == email).ToListAsync();
        Assert.Equal(3, sent.Count);
        foreach (var text in sent.SelectMany(m => new[] { m.Subject, m.TextBody }))
        {
            Assert.Contains(siteName, text, StringComparison.Ordinal);
            Assert.True(NetworkName().Count(text) == 1, $"The network's name once, in: {text}");
        }
    }

    [Fact]
    public async Task StaffInvitation_ToASite_NamesTheNetworkOnce()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        int oujda;
        await using (var db = app.Database.CreateContext())
        {
            oujda = await db.Sites.Where(s => s.Slug == "oujda").Select(s => s.Id).SingleAsync();
        }

        using (var invited = await Personas.PostFormAsync(hq, "/hq/staff?handler=Invite", new()
        {
            ["Invite.Email"] = "jury.une.fois@test.technopark.ma",
            ["Invite.SiteId"] = oujda.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Invite.Role"] = "Reviewer",
        }, formPage: "/hq/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        }

        await using var check = app.Database.CreateContext();
        var mail = await check.Outbox.SingleAsync(m => m.To == "jury.une.fois@test.technopark.ma");
        Assert.Contains("Technopark Oujda", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(1, NetworkName().Count(mail.Subject));
    }

    private async Task<HttpClient> ApplicantReadingAsync(string email, string language)
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Personas.Password)).Succeeded);
            await scope.ServiceProvider.GetRequiredService<UserLanguage>().RememberAsync(user, language);
        }

        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signIn = await Personas.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Personas.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>The network's name in Latin or Arabic letters.</summary>
    [GeneratedRegex("Technopark|تكنوبارك")]
    private static partial Regex NetworkName();
}
