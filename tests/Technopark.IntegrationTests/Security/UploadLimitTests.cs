using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using Technopark.Web;

namespace Technopark.IntegrationTests.Security;

/// <summary>Issue 11: a file far over the limit gets the size message beside the field, on a real Kestrel server (its body limits).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class UploadLimitTests : IAsyncLifetime
{
    private readonly AppFixture _app = new();
    private string _baseUrl = string.Empty;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _baseUrl = _app.Factory.StartKestrel();
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    public async Task Upload_FileFarOverTheLimit_SizeMessageBesideTheField(int megabytes)
    {
        var id = await DraftAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(_baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        using (var signedIn = await Personas.PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = Personas.Email(Persona.Applicant),
            ["Input.Password"] = Personas.Password,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        var token = Personas.Token(await client.GetStringAsync($"/apply/{id}/documents"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("PitchDeck"), "Kind" },
        };
        var file = new ByteArrayContent(new byte[megabytes * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", "enorme.pdf");

        using var response = await client.PostAsync($"/apply/{id}/documents?handler=Upload", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TooLargeMessage(), Forms.FieldError(await response.Content.ReadAsStringAsync(), "Upload"));
    }

    private string TooLargeMessage()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("fr");
            return _app.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>()["Document.TooLarge", Application.MaxDocumentBytes / (1024 * 1024)];
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private async Task<int> DraftAsync()
    {
        await Personas.EnsureAsync(_app.Factory, Persona.Applicant);
        await using var db = _app.Database.CreateContext();
        var email = Personas.Email(Persona.Applicant).ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).SingleAsync();
        var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
        var application = Application.Start(userId, site.Id, Programme.Incubation, _app.Factory.Clock.GetUtcNow());
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }
}
