using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.TestSupport;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Companies;

namespace Technopark.IntegrationTests.Companies;

/// <summary>The profile page of a company: who may change it, what is refused (beside the field, nothing saved), the logo.</summary>
public class CompanyProfileTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Save_ValidProfile_IsSavedAndAudited()
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);
        var website = $"https://robots-{Guid.NewGuid():N}.ma";

        using var response = await Personas.PostFormAsync(client, $"/company/{id}/profile", new()
        {
            ["Input.Website"] = website,
            ["Input.Pitch"] = "  Des robots pour l'industrie  ",
            ["Input.Sector"] = Sectors.It,
            ["Input.ListedInDirectory"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var db = app.Database.CreateContext();
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal((website, "Des robots pour l'industrie", Sectors.It, true), (company.Website, company.Pitch, company.Sector, company.ListedInDirectory));
        var audited = await db.AuditLog.Where(a => a.Action == "company.profile.updated" && a.EntityId == key).Select(a => a.After).ToListAsync();
        Assert.Contains(audited, after => after!.Contains(website, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("javascript:alert(1)", "Pitch", Sectors.Digital, "Input.Website", "Company.WebsiteInvalid")]
    [InlineData("ftp://robots.ma", "Pitch", Sectors.Digital, "Input.Website", "Company.WebsiteInvalid")]
    [InlineData("https://robots.ma", null, Sectors.Digital, "Input.Pitch", "Company.PitchTooLong")]
    [InlineData("https://robots.ma", "Pitch", "space-mining", "Input.Sector", "Profile.SectorInvalid")]
    public async Task Save_BadInput_MessageBesideTheFieldAndNothingSaved(string website, string? pitch, string sector, string field, string code)
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        var before = await ProfileAsync(id);

        using var response = await Personas.PostFormAsync(client, $"/company/{id}/profile", new()
        {
            ["Input.Website"] = website,
            ["Input.Pitch"] = pitch ?? new string('p', Company.PitchMaxLength + 1),
            ["Input.Sector"] = sector,
            ["Input.ListedInDirectory"] = before.Listed ? "false" : "true",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var expected = code == "Profile.SectorInvalid"
            ? ResourceText.Of(app.Factory, code)
            : ResourceText.Of(app.Factory, code, arguments: code == "Company.PitchTooLong" ? Company.PitchMaxLength : Company.WebsiteMaxLength);
        var error = ResourceText.Tag(html, field.Replace('.', '_') + "-error");
        Assert.NotNull(error);
        Assert.Contains("field-validation-error", error, StringComparison.Ordinal);
        Assert.Contains(expected, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(before, await ProfileAsync(id));
    }

    [Theory]
    [InlineData(false, 600, 300, 256, 128)]
    [InlineData(true, 300, 900, 85, 256)]
    [InlineData(false, 100, 40, 100, 40)]
    public async Task UploadLogo_PngOrJpeg_ResizedWithin256AndServedAsPngWithoutMetadata(bool jpeg, int width, int height, int expectedWidth, int expectedHeight)
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);

        using var response = await UploadAsync(client, id, jpeg ? "logo.jpg" : "logo.png", TestImages.Make(width, height, jpeg));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var logo = await client.GetAsync($"/company/{id}/logo");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await logo.Content.ReadAsByteArrayAsync();
        using var image = Image.Load(bytes, out var format);
        Assert.Equal("PNG", format.Name);
        Assert.Equal((expectedWidth, expectedHeight), (image.Width, image.Height));
        Assert.Null(image.Metadata.ExifProfile);
        Assert.DoesNotContain("Secret author", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action.StartsWith("company.logo.") && a.EntityId == key));
    }

    [Fact]
    public async Task Logo_VersionedUrl_IsCachedForAYearAndOthersRevalidate()
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        using (await UploadAsync(client, id, "logo.png", TestImages.Make(50, 50, jpeg: false)))
        {
        }

        var html = await client.GetStringAsync($"/company/{id}/profile");
        var src = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(ResourceText.Tag(html, "profile-logo")!, "src=\"([^\"]+)\"").Groups[1].Value);
        using var versioned = await client.GetAsync(src);
        using var bare = await client.GetAsync($"/company/{id}/logo");

        Assert.Contains("?v=", src, StringComparison.Ordinal);
        Assert.Equal((true, true), (versioned.Headers.CacheControl!.Private, versioned.Headers.CacheControl.MaxAge == TimeSpan.FromDays(365)));
        Assert.True(bare.Headers.CacheControl!.NoCache);
        Assert.NotNull(bare.Headers.ETag);
    }

    [Theory]
    [InlineData("Bonjour, je ne suis pas une image.", LogoImages.TypeCode)]
    [InlineData("PNG-BROKEN", LogoImages.InvalidCode)]
    [InlineData("HUGE", LogoImages.TooManyPixelsCode)]
    [InlineData("OVERSIZED", LogoImages.TooLargeCode)]
    public async Task UploadLogo_NotAnAcceptablePicture_MessageBesideTheFieldAndNothingSaved(string content, string code)
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        var before = await LogoVersionAsync(id);
        byte[] bytes = content switch
        {
            "PNG-BROKEN" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            "HUGE" => TestImages.DeclaringHugeSize(60_000, 60_000),
            "OVERSIZED" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[CompanyLogo.MaxUploadBytes]],
            _ => System.Text.Encoding.UTF8.GetBytes(content),
        };

        using var response = await UploadAsync(client, id, "logo.png", bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var expected = ResourceText.Of(app.Factory, code, arguments:
            [Display.Count((int)(CompanyLogo.MaxUploadBytes / 1024 / 1024)), Display.Count(CompanyLogo.MaxPixels),
             Display.Count((int)(CompanyLogo.MaxSourcePixels / 1_000_000))]);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("field-validation-error", ResourceText.Tag(html, "Logo-error"), StringComparison.Ordinal);
        Assert.Equal(before, await LogoVersionAsync(id));
    }

    [Fact]
    public async Task RemoveLogo_AsksFirstThenRemovesAndAudits()
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);
        using (await UploadAsync(client, id, "logo.png", TestImages.Make(40, 40, jpeg: false)))
        {
        }

        using var asked = await Personas.PostFormAsync(client, $"/company/{id}/profile?handler=RemoveLogo", [], $"/company/{id}/profile");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.NotNull(ResourceText.Tag(await asked.Content.ReadAsStringAsync(), "logo-remove-confirm"));
        Assert.NotNull(await LogoVersionAsync(id));

        using var confirmed = await Personas.PostFormAsync(client, $"/company/{id}/profile?handler=RemoveLogo", new() { ["confirmed"] = "true" }, $"/company/{id}/profile");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Null(await LogoVersionAsync(id));
        using var logo = await client.GetAsync($"/company/{id}/logo");
        Assert.Equal(HttpStatusCode.NotFound, logo.StatusCode);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "company.logo.removed" && a.EntityId == key));
    }

    /// <summary>Only the company's members change its profile, and only while it is resident: others get 403 and nothing changes.</summary>
    [Theory]
    [InlineData(Persona.OtherCompanyOwner, "")]
    [InlineData(Persona.OtherCompanyOwner, "Logo")]
    [InlineData(Persona.OtherCompanyOwner, "RemoveLogo")]
    [InlineData(Persona.ManagerOujda, "")]
    [InlineData(Persona.NetworkAdmin, "")]
    [InlineData(Persona.ReviewerTanger, "")]
    public async Task Post_NotAMemberOfTheCompany_Forbidden(Persona persona, string handler)
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, persona);
        var before = await ProfileAsync(id);

        // Any page of the app gives the persona a valid antiforgery token.
        var url = $"/company/{id}/profile" + (handler.Length > 0 ? $"?handler={handler}" : string.Empty);
        using var response = await Personas.PostFormAsync(client, url, new()
        {
            ["Input.Website"] = "https://pirate.example",
            ["Input.Sector"] = Sectors.Digital,
            ["confirmed"] = "true",
        }, "/Identity/Account/Manage");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await ProfileAsync(id));
    }

    [Fact]
    public async Task Post_AlumnusOfTheCompany_ForbiddenAndPageReadOnly()
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Alumni;
        using var client = await Personas.ClientAsync(app.Factory, Persona.Alumnus);

        var html = await client.GetStringAsync($"/company/{id}/profile");
        using var response = await Personas.PostFormAsync(client, $"/company/{id}/profile", new()
        {
            ["Input.Website"] = "https://alumni.example",
            ["Input.Sector"] = Sectors.Digital,
        }, "/Identity/Account/Manage");

        Assert.Null(ResourceText.Tag(html, "profile-form"));
        Assert.NotNull(ResourceText.Tag(html, "profile-readonly"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(string? Website, string? Pitch, string Sector, bool Listed)> ProfileAsync(int id)
    {
        await using var db = app.Database.CreateContext();
        var c = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == id);
        return (c.Website, c.Pitch, c.Sector, c.ListedInDirectory);
    }

    private async Task<DateTimeOffset?> LogoVersionAsync(int id)
    {
        await using var db = app.Database.CreateContext();
        return await db.CompanyLogos.Where(l => l.CompanyId == id).Select(l => (DateTimeOffset?)l.UpdatedAt).SingleOrDefaultAsync();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string fileName, byte[] bytes)
    {
        var token = Personas.Token(await client.GetStringAsync($"/company/{id}/profile"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".jpg", StringComparison.Ordinal) ? "image/jpeg" : "image/png");
        form.Add(file, "Logo", fileName);
        return await client.PostAsync($"/company/{id}/profile?handler=Logo", form);
    }
}
