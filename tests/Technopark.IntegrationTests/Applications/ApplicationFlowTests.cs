using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Applications;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Applications;

public partial class ApplicationFlowTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string English = ".AspNetCore.Culture=c%3Den%7Cuic%3Den";

    [Theory]
    [InlineData("fr", "Saisissez une adresse e-mail valide", "Saisissez un numéro marocain valide", "exactement 15 chiffres", "de 1 à 500 personnes")]
    [InlineData("en", "Enter a valid email address", "Enter a valid Moroccan number", "exactly 15 digits", "from 1 to 500 people")]
    public async Task PostTeam_InvalidFields_ShowsEachMessageInTheUsersLanguage(string language, string email, string phone, string ice, string team)
    {
        using var client = await ClientAsync(Persona.Applicant, language);
        var id = await DraftAsync(Persona.Applicant, "oujda", complete: false);

        using var response = await PostAsync(client, $"/apply/{id}/team", new()
        {
            ["Input.ContactEmail"] = "pas-un-email", ["Input.ContactPhone"] = "08 12 34 56 78", ["Input.Ice"] = "12345", ["Input.TeamSize"] = "0",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var message in new[] { email, phone, ice, team })
        {
            Assert.Contains(message, html, StringComparison.Ordinal);
        }

        Assert.Contains("value=\"pas-un-email\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Choisissez un des secteurs accueillis par ce site", "Ce texte dépasse 200 caractères")]
    [InlineData("en", "Choose one of the sectors this site hosts", "This text is longer than 200 characters")]
    public async Task PostProject_SectorOutsideTheSiteAndLongName_Refused(string language, string sector, string length)
    {
        using var client = await ClientAsync(Persona.Applicant, language);
        var id = await DraftAsync(Persona.Applicant, "oujda", complete: false);

        using var response = await PostAsync(client, $"/apply/{id}/project", new() { ["Input.Sector"] = "tourism", ["Input.ProjectName"] = new string('x', 201) });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(sector, html, StringComparison.Ordinal);
        Assert.Contains(length, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostTeam_ValidMoroccanPhoneWithSeparators_SavesTheDraft()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "oujda", complete: false);

        using var response = await PostAsync(client, $"/apply/{id}/team", new() { ["Input.ContactPhone"] = "+212 6.12-34 56 78", ["Input.TeamSize"] = "3" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal("+212612345678", (await db.Applications.SingleAsync(a => a.Id == id)).ContactPhone);
    }

    [Theory]
    [InlineData("exe", "Le pitch deck doit être un vrai fichier PDF")]
    [InlineData("empty", "Le fichier est vide")]
    [InlineData("large", "Le fichier dépasse 10 Mo")]
    public async Task Upload_BadFile_RefusedWithAClearMessage(string kind, string message)
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: false);
        byte[] bytes = kind switch
        {
            "exe" => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0],
            "empty" => [],
            _ => Pdf((int)Application.MaxDocumentBytes + 1),
        };

        using var response = await UploadAsync(client, id, "pitch.pdf", bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Empty((await db.Applications.Include(a => a.Documents).SingleAsync(a => a.Id == id)).Documents);
    }

    [Fact]
    public async Task Upload_NameWithPathAndArabicLetters_StoredUnderAGeneratedNameAndShownCleaned()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: false);

        using var response = await UploadAsync(client, id, "../../ملف التقديم.pdf", Pdf(100));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var document = (await db.Applications.Include(a => a.Documents).SingleAsync(a => a.Id == id)).Documents.Single();
        Assert.Equal("ملف التقديم.pdf", document.OriginalName);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", document.StoredName);
        Assert.True(File.Exists(Path.Combine(app.Factory.DocumentsPath, document.StoredName)));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/apply/{id}/documents"));
        Assert.Contains("ملف التقديم.pdf", page, StringComparison.Ordinal);
        Assert.DoesNotContain("../", page, StringComparison.Ordinal);
        using var download = await client.GetAsync($"/applications/{id}/documents/{document.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Get_AnotherApplicantsApplicationOrDocument_NotFound()
    {
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: true);
        int documentId;
        await using (var db = app.Database.CreateContext())
        {
            documentId = (await db.Applications.Include(a => a.Documents).SingleAsync(a => a.Id == id)).Documents.First().Id;
        }

        using var other = await NewApplicantClientAsync("autre.candidat@test.technopark.ma");
        foreach (var url in new[] { $"/applications/{id}", $"/apply/{id}/project", $"/apply/{id}/documents", $"/apply/{id}/submit", $"/applications/{id}/documents/{documentId}" })
        {
            using var response = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Download_SiteReviewerNotAssigned_NotFound_AssignedReviewerAndManager_Ok()
    {
        var unassigned = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true);
        var assigned = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true, reviewer: Persona.ReviewerTanger);
        var documents = new Dictionary<int, int>();
        await using (var db = app.Database.CreateContext())
        {
            foreach (var id in new[] { unassigned, assigned })
            {
                documents[id] = (await db.Applications.Include(a => a.Documents).SingleAsync(a => a.Id == id)).Documents.First().Id;
            }
        }

        using var reviewer = await ClientAsync(Persona.ReviewerTanger);
        using var manager = await ClientAsync(Persona.ManagerTanger);
        using var notMine = await reviewer.GetAsync($"/applications/{unassigned}/documents/{documents[unassigned]}");
        using var mine = await reviewer.GetAsync($"/applications/{assigned}/documents/{documents[assigned]}");
        using var managed = await manager.GetAsync($"/applications/{unassigned}/documents/{documents[unassigned]}");

        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, managed.StatusCode);
    }

    [Fact]
    public async Task Get_TangerReviewerOnOujdaApplications_ForbiddenOrNotFound()
    {
        var oujda = await DraftAsync(Persona.Applicant, "oujda", complete: true, submit: true);
        using var reviewer = await ClientAsync(Persona.ReviewerTanger);
        using var manager = await ClientAsync(Persona.ManagerTanger);

        using var inbox = await reviewer.GetAsync("/manage/oujda/applications");
        using var crossSite = await manager.GetAsync($"/manage/tanger/applications/{oujda}");

        Assert.Equal(HttpStatusCode.Forbidden, inbox.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, crossSite.StatusCode);
    }

    [Fact]
    public async Task Submit_TenConcurrentPosts_OneSubmittedEventAndOneEmail()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: true);
        var token = await TokenAsync(client, $"/apply/{id}/submit");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            client.PostAsync($"/apply/{id}/submit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await using var db = app.Database.CreateContext();
        var application = await db.Applications.Include(a => a.Events).SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationState.Submitted, application.State);
        Assert.Equal(1, application.Events.Count(e => e.State == ApplicationState.Submitted && !e.IsMessage));
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.TextBody.Contains($"n° {id})")));
    }

    [Fact]
    public async Task Assign_TheApplicantAsReviewer_Refused()
    {
        var id = await DraftAsync(Persona.ReviewerTanger, "tanger", complete: true, submit: true);
        var reviewerId = await UserIdAsync(Persona.ReviewerTanger);
        using var manager = await ClientAsync(Persona.ManagerTanger);

        using var response = await PostAsync(manager, $"/manage/tanger/applications/{id}?handler=Assign", new() { ["ReviewerId"] = reviewerId },
            $"/manage/tanger/applications/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("jamais le candidat", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Empty((await db.Applications.Include(a => a.Reviews).SingleAsync(a => a.Id == id)).Reviews);
    }

    [Fact]
    public async Task Decide_BeforeEnoughReviews_RefusedWithAClearMessage()
    {
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true, reviewer: Persona.ReviewerTanger);
        using var manager = await ClientAsync(Persona.ManagerTanger);

        using var response = await PostAsync(manager, $"/manage/tanger/applications/{id}?handler=Decide", new() { ["Decision"] = "Accept", ["Reason"] = "Très bon projet" },
            $"/manage/tanger/applications/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Application.NotEnoughReviews", Cultures.Default, 1), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(ApplicationState.UnderReview, (await db.Applications.SingleAsync(a => a.Id == id)).State);
    }

    [Fact]
    public async Task Decide_AcceptAfterAReview_CreatesTheCompanyAndAWaitingListEntryLinkedToTheApplication()
    {
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true, reviewer: Persona.ReviewerTanger);
        using var reviewer = await ClientAsync(Persona.ReviewerTanger);
        using var scored = await PostAsync(reviewer, $"/manage/tanger/applications/{id}?handler=Score", new()
        {
            ["Score.Innovation"] = "4", ["Score.Team"] = "5", ["Score.Market"] = "3", ["Score.Feasibility"] = "4", ["Score.Impact"] = "4", ["Score.Comment"] = "Solide",
        }, $"/manage/tanger/applications/{id}");
        Assert.Equal(HttpStatusCode.Redirect, scored.StatusCode);
        using var manager = await ClientAsync(Persona.ManagerTanger);

        using var response = await PostAsync(manager, $"/manage/tanger/applications/{id}?handler=Decide", new() { ["Decision"] = "Accept", ["Reason"] = "Très bon projet" },
            $"/manage/tanger/applications/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationState.Accepted, application.State);
        var company = await db.Companies.SingleAsync(c => c.Id == application.CompanyId);
        Assert.Equal($"Projet {id}", company.LegalName);
        var entry = await db.WaitingList.SingleAsync(w => w.ApplicationId == id);
        Assert.Equal(company.Id, entry.CompanyId);
        Assert.Equal(3, entry.WantedSeats);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == "application.decide" && e.EntityId == key));
    }

    [Fact]
    public async Task Withdraw_SubmittedApplication_IsWithdrawnAndAudited()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true);

        using var response = await PostAsync(client, $"/applications/{id}?handler=Withdraw", [], $"/applications/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(ApplicationState.Withdrawn, (await db.Applications.SingleAsync(a => a.Id == id)).State);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == "application.withdraw" && e.EntityId == key));
    }

    [Fact]
    public async Task GetStep_LinkOfAMissingFieldOnTheSubmitPage_ShowsItsMessageMarksItInvalidAndFocusesIt()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: false);
        var submit = WebUtility.HtmlDecode(await client.GetStringAsync($"/apply/{id}/submit"));
        var link = $"/apply/{id}/project?check=Summary#Input_Summary";
        Assert.Contains($"href=\"{link}\"", submit, StringComparison.Ordinal);

        var html = await client.GetStringAsync(link.Split('#')[0]);

        var summary = ResourceText.Tag(html, "Input_Summary");
        Assert.NotNull(summary);
        Assert.Contains("aria-invalid=\"true\"", summary, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"Input_Summary-error\"", summary, StringComparison.Ordinal);
        Assert.Contains("autofocus", summary, StringComparison.Ordinal);
        Assert.Equal(ResourceText.Of(app.Factory, "Apply.Required"), ResourceText.Inner(html, "Input_Summary-error")?.Trim());
        var name = ResourceText.Tag(html, "Input_ProjectName");
        Assert.Contains("aria-invalid=\"true\"", name, StringComparison.Ordinal);
        Assert.DoesNotContain("autofocus", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDocuments_LinkOfTheMissingPitchDeck_ShowsItsMessageNextToTheFileFieldWhichTakesTheFocus()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: false);
        var submit = WebUtility.HtmlDecode(await client.GetStringAsync($"/apply/{id}/submit"));
        Assert.Contains($"href=\"/apply/{id}/documents?check=PitchDeck#Upload\"", submit, StringComparison.Ordinal);

        var html = await client.GetStringAsync($"/apply/{id}/documents?check=PitchDeck");

        var upload = ResourceText.Tag(html, "Upload");
        Assert.Contains("aria-invalid=\"true\"", upload, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"Upload-hint Upload-error\"", upload, StringComparison.Ordinal);
        Assert.Contains("autofocus", upload, StringComparison.Ordinal);
        Assert.Equal(ResourceText.Of(app.Factory, "Document.PitchDeckRequired"), ResourceText.Inner(html, "Upload-error")?.Trim());
    }

    [Fact]
    public async Task GetStep_WithoutCheck_ShowsNoMessageYet()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: false);

        var html = await client.GetStringAsync($"/apply/{id}/project");

        Assert.DoesNotContain("aria-invalid", ResourceText.Tag(html, "Input_Summary"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, ResourceText.Inner(html, "Input_Summary-error")?.Trim());
    }

    [Fact]
    public async Task GetStep_TeamFields_RequiredOnesMarkedWithALegendOptionalOnesNot()
    {
        using var client = await ClientAsync(Persona.Applicant);
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: false);

        var html = await client.GetStringAsync($"/apply/{id}/team");

        foreach (var required in new[] { "Input_ContactName", "Input_ContactEmail", "Input_ContactPhone", "Input_TeamSize" })
        {
            var tag = ResourceText.Tag(html, required);
            Assert.Contains(" required", tag, StringComparison.Ordinal);
            Assert.Contains("aria-required=\"true\"", tag, StringComparison.Ordinal);
            Assert.Matches($"<label[^>]*for=\"{required}\"[^>]*>[^<]*<span[^>]*aria-hidden=\"true\">\\*</span></label>", html);
        }

        foreach (var optional in new[] { "Input_CompanyName", "Input_Ice" })
        {
            Assert.DoesNotContain("required", ResourceText.Tag(html, optional), StringComparison.Ordinal);
        }

        Assert.Contains(ResourceText.Of(app.Factory, "Apply.RequiredLegend"), ResourceText.Inner(html, "required-legend"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbox_WithdrawnBeforeSubmission_ListedAfterTheSubmittedOnesNewestFirst()
    {
        var older = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true);
        var withdrawn = await DraftAsync(Persona.Applicant, "tanger", complete: false);
        await using (var db = app.Database.CreateContext())
        {
            (await db.Applications.SingleAsync(a => a.Id == withdrawn)).Withdraw(app.Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var newer = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true);
        using var manager = await ClientAsync(Persona.ManagerTanger);

        var html = await manager.GetStringAsync("/manage/tanger/applications");

        var positions = new[] { newer, older, withdrawn }.Select(id => html.IndexOf($"href=\"/manage/tanger/applications/{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.True(positions[0] < positions[1] && positions[1] < positions[2], $"Order newer, older, withdrawn; positions {string.Join(", ", positions)}");
    }

    [Fact]
    public async Task StaffDetail_Dossier_UsesItsOwnLabelsWithoutTheApplicantsHints()
    {
        var id = await DraftAsync(Persona.Applicant, "tanger", complete: true, submit: true);
        using var manager = await ClientAsync(Persona.ManagerTanger);

        var html = WebUtility.HtmlDecode(await manager.GetStringAsync($"/manage/tanger/applications/{id}"));

        foreach (var field in new[] { "CompanyName", "Ice", "ProjectName" })
        {
            Assert.Contains($"<dt class=\"col-sm-4\">{ResourceText.Of(app.Factory, $"Dossier.{field}")}</dt>", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(ResourceText.Of(app.Factory, "Apply.CompanyName"), html, StringComparison.Ordinal);
        Assert.DoesNotContain(ResourceText.Of(app.Factory, "Apply.Ice"), html, StringComparison.Ordinal);
    }

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[Math.Max(size, 8)];
        "%PDF-1.4"u8.CopyTo(bytes);
        return bytes;
    }

    private async Task<HttpClient> ClientAsync(Persona persona, string language = "fr")
    {
        var client = await Personas.ClientAsync(app.Factory, persona);
        if (language == "en")
        {
            client.DefaultRequestHeaders.Add("Cookie", English);
        }

        return client;
    }

    private async Task<HttpClient> NewApplicantClientAsync(string email)
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, Personas.Password);
            }
        }

        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signIn = await Personas.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Personas.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private async Task<string> UserIdAsync(Persona persona)
    {
        await Personas.EnsureAsync(app.Factory, persona);
        await using var db = app.Database.CreateContext();
        var email = Personas.Email(persona).ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A draft of the persona (complete with a pitch deck when asked), optionally submitted and given a reviewer.</summary>
    private async Task<int> DraftAsync(Persona persona, string slug, bool complete, bool submit = false, Persona? reviewer = null)
    {
        var userId = await UserIdAsync(persona);
        var reviewerId = reviewer is { } r ? await UserIdAsync(r) : null;
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        var now = app.Factory.Clock.GetUtcNow();
        var application = Application.Start(userId, site.Id, Programme.Incubation, now);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        if (complete)
        {
            TestApplications.Complete(application, site.FocusSectors.First(), now, $"Projet {application.Id}");
            await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(app.Factory.DocumentsPath).FullName, application.Documents.First().StoredName), Pdf(100));
        }

        if (submit)
        {
            application.Submit(now);
        }

        if (reviewerId is not null)
        {
            application.AssignReviewer(reviewerId, reviewerId, now);
        }

        await db.SaveChangesAsync();
        return application.Id;
    }

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var page = await client.GetStringAsync(url);
        return Personas.Token(page);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, formPage ?? url);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string fileName, byte[] bytes)
    {
        var token = await TokenAsync(client, $"/apply/{id}/documents");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("PitchDeck"), "Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync($"/apply/{id}/documents?handler=Upload", form);
    }

}
