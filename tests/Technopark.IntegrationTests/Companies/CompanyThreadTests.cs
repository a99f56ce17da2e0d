using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Company = Technopark.Domain.Companies.Company;
using CompanyForm = Technopark.Domain.Companies.CompanyForm;
using CompanyMessage = Technopark.Domain.Companies.CompanyMessage;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using Technopark.Web.Identity;
using static Technopark.TestSupport.Persona;

namespace Technopark.IntegrationTests.Companies;

/// <summary>
/// Documents the site gives a company (uploaded by its managers, downloaded by its readers) and the company's thread with the
/// site's team: who may do what, the content checks, the audit entries and the emails (each reader's language, public links).
/// </summary>
public class CompanyThreadTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A one-page PDF, as the checks read it (magic bytes).</summary>
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private const string PublicBase = "https://portail.technopark.example/espace";

    [Fact]
    public async Task Upload_ByTheSiteManager_MembersDownloadItAndAreEmailedInTheirLanguage()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        await ReadsAsync(CompanyMember, "en");
        await Personas.EnsureAsync(app.Factory, CompanyOwner);
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        var name = $"convention-{Guid.NewGuid():N}.pdf";

        using (var uploaded = await UploadAsync(manager, resident, "HostingAgreement", name, Pdf))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
            Assert.Equal($"/company/{resident}/documents", uploaded.Headers.Location?.OriginalString);
        }

        var documentId = await DocumentIdAsync(name);
        using var member = await Personas.ClientAsync(app.Factory, CompanyMember);
        var page = await member.GetStringAsync($"/company/{resident}/documents");
        Assert.Contains(name, page, StringComparison.Ordinal);
        Assert.DoesNotContain("company-document-upload", page, StringComparison.Ordinal); // members do not upload
        using (var download = await member.GetAsync($"/company/{resident}/documents/{documentId}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        await using var db = app.Database.CreateContext();
        var mails = await db.Outbox.Where(m => m.TextBody.Contains(name)).ToListAsync();
        var english = Assert.Single(mails, m => m.To == Personas.Email(CompanyMember));
        Assert.StartsWith(ResourceText.Of(app.Factory, "CompanyDocs.EmailSubject", "en", Personas.ResidentCompany, "Hosting agreement"), english.Subject, StringComparison.Ordinal);
        Assert.Contains($"{app.Factory.PublicBaseUrl}/company/{resident}/documents", english.TextBody, StringComparison.Ordinal);
        var french = Assert.Single(mails, m => m.To == Personas.Email(CompanyOwner));
        Assert.StartsWith(ResourceText.Of(app.Factory, "CompanyDocs.EmailSubject", "fr", Personas.ResidentCompany, "Convention d'hébergement"), french.Subject, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "company.document.uploaded" && a.EntityId == documentId.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Download_ByOthers_RefusedAndScopedToTheCompany()
    {
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        var name = $"avenant-{Guid.NewGuid():N}.pdf";
        using (var uploaded = await UploadAsync(manager, companies.Resident, "Amendment", name, Pdf))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var url = $"/company/{companies.Resident}/documents/{await DocumentIdAsync(name)}";
        foreach (var persona in new[] { OtherCompanyOwner, ManagerOujda, Alumnus, Applicant })
        {
            using var client = await Personas.ClientAsync(app.Factory, persona);
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{persona}: {(int)response.StatusCode}");
        }

        // The document's id under another company (one the manager reads too) is unknown there.
        using var elsewhere = await manager.GetAsync($"/company/{companies.Other}/documents/{await DocumentIdAsync(name)}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var hq = await Personas.ClientAsync(app.Factory, NetworkAdmin);
        using var read = await hq.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Upload_NotAPdfNorAnImage_MessageBesideTheFieldNothingKept()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        int rows;
        await using (var db = app.Database.CreateContext())
        {
            rows = await db.CompanyDocuments.CountAsync();
        }

        var files = StoredFiles();

        using var response = await UploadAsync(manager, resident, "Other", "faux.pdf", "MZ this is a program, not a PDF"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "CompanyDocument.TypeInvalid"), Forms.FieldError(await response.Content.ReadAsStringAsync(), "Upload"));
        await using var check = app.Database.CreateContext();
        Assert.Equal(rows, await check.CompanyDocuments.CountAsync());
        Assert.Equal(files, StoredFiles());
    }

    [Theory]
    [InlineData(NetworkAdmin)]
    [InlineData(CompanyOwner)]
    [InlineData(ReviewerTanger)]
    public async Task Upload_ByAnyoneButTheSiteManagers_Forbidden(Persona persona)
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, persona);

        using var response = await UploadAsync(client, resident, "Other", "x.pdf", Pdf);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ByAnotherSitesManager_Forbidden()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var oujda = await Personas.ClientAsync(app.Factory, ManagerOujda);

        using var response = await UploadAsync(oujda, resident, "Other", "x.pdf", Pdf, formPage: "/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ManagePage_Hq_ReadsTheDocumentsAndTheThreadWithoutForms()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var hq = await Personas.ClientAsync(app.Factory, NetworkAdmin);

        var html = await hq.GetStringAsync($"/manage/tanger/companies/{resident}");

        Assert.Contains("company-documents-section", html, StringComparison.Ordinal);
        Assert.Contains("company-thread-section", html, StringComparison.Ordinal);
        Assert.DoesNotContain("company-document-upload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("thread-form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_ByTheSiteManagerAfterConfirmation_RowAndFileGoneAudited()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        var name = $"erreur-{Guid.NewGuid():N}.pdf";
        using (var uploaded = await UploadAsync(manager, resident, "Other", name, Pdf))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var id = await DocumentIdAsync(name);
        string stored;
        await using (var before = app.Database.CreateContext())
        {
            stored = await before.CompanyDocuments.Where(d => d.Id == id).Select(d => d.StoredName).SingleAsync();
        }

        Assert.True(File.Exists(Path.Combine(app.Factory.DocumentsPath, stored)));
        var confirm = $"/company/{resident}/documents?confirmRemove={id}&fromManage=true";
        Assert.Contains("remove-confirm", await manager.GetStringAsync(confirm), StringComparison.Ordinal);
        using (var owner = await Personas.ClientAsync(app.Factory, CompanyOwner))
        using (var refused = await Personas.PostFormAsync(owner, $"/company/{resident}/documents?handler=Remove&documentId={id}", [], formPage: $"/company/{resident}/documents"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var removed = await Personas.PostFormAsync(manager, $"/company/{resident}/documents?handler=Remove&documentId={id}", new() { ["FromManage"] = "true" }, formPage: confirm);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.StartsWith($"/manage/tanger/companies/{resident}", removed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CompanyDocuments.AnyAsync(d => d.Id == id));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "company.document.removed" && a.EntityId == id.ToString(CultureInfo.InvariantCulture)));
        Assert.False(File.Exists(Path.Combine(app.Factory.DocumentsPath, stored)));
        using var gone = await manager.GetAsync($"/company/{resident}/documents/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Message_ByAMember_ManagersEmailedInTheirLanguageWithTheStaffPageLink()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        await ReadsAsync(ManagerTanger, "ar");
        await using var configured = WithPublicBase();
        using var member = await Personas.ClientAsync(configured, CompanyMember);
        var body = $"Bonjour, la clim du bureau B-12 est en panne ({Guid.NewGuid():N}).";

        using (var sent = await Personas.PostFormAsync(member, $"/company/{resident}/messages", new() { ["Input.Body"] = body }))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        await using var db = app.Database.CreateContext();
        var message = await db.CompanyMessages.SingleAsync(m => m.Body == body);
        Assert.False(message.FromStaff);
        var mail = Assert.Single(await db.Outbox.Where(m => m.TextBody.Contains(body)).ToListAsync());
        Assert.Equal(Personas.Email(ManagerTanger), mail.To);
        var siteName = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Name).SingleAsync();
        Assert.Equal(ResourceText.Of(app.Factory, "Thread.EmailToStaffSubject", "ar", Personas.ResidentCompany, "", "", siteName, ""), mail.Subject);
        Assert.Contains($"{PublicBase}/manage/tanger/companies/{resident}", mail.TextBody, StringComparison.Ordinal);
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "company.message.sent" && a.EntityId == message.Id.ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(body, audit.After ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ByTheManagerFromTheStaffPage_MembersEmailedInTheirLanguageAndSeeIt()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        await ReadsAsync(CompanyMember, "en");
        await Personas.EnsureAsync(app.Factory, CompanyOwner);
        await using var configured = WithPublicBase();
        using var manager = await Personas.ClientAsync(configured, ManagerTanger);
        var body = $"La convention signée est en ligne ({Guid.NewGuid():N}).";
        var staffPage = $"/manage/tanger/companies/{resident}";
        Assert.Contains("thread-form", await manager.GetStringAsync(staffPage), StringComparison.Ordinal);

        using (var sent = await Personas.PostFormAsync(manager, $"/company/{resident}/messages", new() { ["Input.Body"] = body, ["FromManage"] = "true" }, formPage: staffPage))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.StartsWith(staffPage, sent.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        await using var db = app.Database.CreateContext();
        Assert.True((await db.CompanyMessages.SingleAsync(m => m.Body == body)).FromStaff);
        var mails = await db.Outbox.Where(m => m.TextBody.Contains(body)).ToListAsync();
        var siteName = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Name).SingleAsync();
        var english = Assert.Single(mails, m => m.To == Personas.Email(CompanyMember));
        Assert.Equal(ResourceText.Of(app.Factory, "Thread.EmailToMembersSubject", "en", Personas.ResidentCompany, "", "", siteName, ""), english.Subject);
        Assert.Contains($"{PublicBase}/company/{resident}/messages", english.TextBody, StringComparison.Ordinal);
        var french = Assert.Single(mails, m => m.To == Personas.Email(CompanyOwner));
        Assert.Equal(ResourceText.Of(app.Factory, "Thread.EmailToMembersSubject", "fr", Personas.ResidentCompany, "", "", siteName, ""), french.Subject);
        Assert.DoesNotContain(mails, m => m.To == Personas.Email(ManagerTanger));

        using var member = await Personas.ClientAsync(app.Factory, CompanyMember);
        var thread = WebUtility.HtmlDecode(await member.GetStringAsync($"/company/{resident}/messages"));
        Assert.Contains(body, thread, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Thread.StaffLabel"), thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ByAnAlumnus_ForbiddenAndTheThreadReadOnly()
    {
        var alumni = (await Personas.CompaniesAsync(app.Factory)).Alumni;
        using var alumnus = await Personas.ClientAsync(app.Factory, Alumnus);
        var page = await alumnus.GetStringAsync($"/company/{alumni}/messages");
        Assert.Contains("thread-read-only", page, StringComparison.Ordinal);
        Assert.DoesNotContain("thread-form", page, StringComparison.Ordinal);

        using var response = await Personas.PostFormAsync(alumnus, $"/company/{alumni}/messages", new() { ["Input.Body"] = "Encore là ?" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CompanyMessages.AnyAsync(m => m.CompanyId == alumni));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Message_EmptyOrTooLong_MessageBesideTheFieldNothingSaved(string body)
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var member = await Personas.ClientAsync(app.Factory, CompanyMember);
        await using var db = app.Database.CreateContext();
        var before = await db.CompanyMessages.CountAsync();
        var limit = CompanyMessage.BodyMaxLength.ToString("N0", Technopark.Web.Localization.Display.NumbersOf(CultureInfo.GetCultureInfo("fr")));
        var expected = ResourceText.Of(app.Factory, "Message.BodyRequired", "fr", limit);

        foreach (var text in new[] { body, new string('x', CompanyMessage.BodyMaxLength + 1) })
        {
            using var response = await Personas.PostFormAsync(member, $"/company/{resident}/messages", new() { ["Input.Body"] = text });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, Forms.FieldError(await response.Content.ReadAsStringAsync(), "Input.Body"));
        }

        Assert.Equal(before, await db.CompanyMessages.CountAsync());
    }

    /// <summary>A manager's refused form on the staff's page of the company comes back there, the message beside its field (post, redirect, get).</summary>
    [Fact]
    public async Task StaffPage_RefusedMessageOrFile_BackOnTheStaffPageWithTheMessageBesideTheField()
    {
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        var staffPage = $"/manage/tanger/companies/{resident}";
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);
        await using var db = app.Database.CreateContext();
        var (messages, documents) = (await db.CompanyMessages.CountAsync(), await db.CompanyDocuments.CountAsync());
        var kept = new string('x', CompanyMessage.BodyMaxLength + 1);

        using (var sent = await Personas.PostFormAsync(manager, $"/company/{resident}/messages", new() { ["Input.Body"] = kept, ["FromManage"] = "true" }, formPage: staffPage))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.StartsWith(staffPage, sent.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var page = await manager.GetStringAsync(staffPage);
        var limit = CompanyMessage.BodyMaxLength.ToString("N0", Technopark.Web.Localization.Display.NumbersOf(CultureInfo.GetCultureInfo("fr")));
        Assert.Equal(ResourceText.Of(app.Factory, "Message.BodyRequired", "fr", limit), Forms.FieldError(page, "Input.Body"));
        Assert.Contains(kept, page, StringComparison.Ordinal);

        var token = Personas.Token(await manager.GetStringAsync(staffPage));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Amendment"), "Kind" },
            { new StringContent("true"), "FromManage" },
        };
        form.Add(new ByteArrayContent("pas un PDF"u8.ToArray()), "Upload", "avenant.pdf");
        using (var uploaded = await manager.PostAsync($"/company/{resident}/documents?handler=Upload", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
            Assert.StartsWith(staffPage, uploaded.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(ResourceText.Of(app.Factory, "CompanyDocument.TypeInvalid"), Forms.FieldError(await manager.GetStringAsync(staffPage), "Upload"));
        Assert.Equal((messages, documents), (await db.CompanyMessages.CountAsync(), await db.CompanyDocuments.CountAsync()));
        Assert.Equal(string.Empty, Forms.FieldError(await manager.GetStringAsync(staffPage), "Upload")); // shown once
    }

    [Fact]
    public async Task OujdaCompany_TangerManager_NeitherReadsNorPosts()
    {
        int oujdaCompany;
        await using (var db = app.Database.CreateContext())
        {
            var oujda = await db.Sites.Where(s => s.Slug == "oujda").Select(s => s.Id).SingleAsync();
            var company = Company.Create(oujda, $"Oriental Labs {Guid.NewGuid():N}"[..30], CompanyForm.Startup, Sectors.All.First());
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            oujdaCompany = company.Id;
        }

        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var manager = await Personas.ClientAsync(app.Factory, ManagerTanger);

        using (var staffPage = await manager.GetAsync($"/manage/tanger/companies/{oujdaCompany}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, staffPage.StatusCode);
        }

        using (var documents = await manager.GetAsync($"/company/{oujdaCompany}/documents"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, documents.StatusCode);
        }

        using (var posted = await Personas.PostFormAsync(manager, $"/company/{oujdaCompany}/messages", new() { ["Input.Body"] = "Intrus" }, formPage: $"/company/{resident}/messages"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        using var uploaded = await UploadAsync(manager, oujdaCompany, "Other", "x.pdf", Pdf, formPage: $"/company/{resident}/documents");
        Assert.Equal(HttpStatusCode.Forbidden, uploaded.StatusCode);
        await using var check = app.Database.CreateContext();
        Assert.False(await check.CompanyMessages.AnyAsync(m => m.CompanyId == oujdaCompany));
        Assert.False(await check.CompanyDocuments.AnyAsync(d => d.CompanyId == oujdaCompany));
    }

    private WebApplicationFactory<Program> WithPublicBase() =>
        app.Factory.WithWebHostBuilder(builder => builder.UseSetting("App:PublicBaseUrl", PublicBase));

    private async Task ReadsAsync(Persona persona, string language)
    {
        await Personas.EnsureAsync(app.Factory, persona);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(Personas.Email(persona));
        await scope.ServiceProvider.GetRequiredService<UserLanguage>().RememberAsync(user!, language);
    }

    private async Task<int> DocumentIdAsync(string name)
    {
        await using var db = app.Database.CreateContext();
        return await db.CompanyDocuments.Where(d => d.OriginalName == name).Select(d => d.Id).SingleAsync();
    }

    private string[] StoredFiles() =>
        Directory.Exists(app.Factory.DocumentsPath) ? [.. Directory.GetFiles(app.Factory.DocumentsPath).Order(StringComparer.Ordinal)] : [];

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int companyId, string kind, string fileName, byte[] bytes, string? formPage = null)
    {
        var token = Personas.Token(await client.GetStringAsync(formPage ?? $"/company/{companyId}/documents"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync($"/company/{companyId}/documents?handler=Upload", form);
    }
}
