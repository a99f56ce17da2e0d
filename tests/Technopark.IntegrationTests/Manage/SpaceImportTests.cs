using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Manage;

public partial class SpaceImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Import_FrenchHeadersSemicolonsAndDecimalCommas_ImportsEveryRowWithAnAuditEntry()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string csv = "\uFEFFcode;type;étage;surface;places;loyer\r\n" +
            "ia-101;Bureau;1;24,5;4;2 450,50\r\n" +
            "IA-102;salle de RÉUNION;2;18;8;0\r\n" +
            "\r\n" +
            "IA-001;COWORKING;0;120,25;30;900.5\r\n" +
            ";;;;;\r\n";

        using var preview = await UploadAsync(client, "tanger", csv);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        using var confirm = await ConfirmAsync(client, "tanger", CheckedFile(html));

        Assert.Contains(ResourceText.Of(app.Factory, "Import.Ready", Cultures.Default, 3), html, StringComparison.Ordinal);
        Assert.Contains("data-line=\"5\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/manage/tanger/spaces", confirm.Headers.Location?.OriginalString);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.Done", Cultures.Default, 3), await client.GetStringAsync("/manage/tanger/spaces"), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
        var spaces = await db.Spaces.Where(s => s.Code.StartsWith("IA-")).OrderBy(s => s.Code).ToListAsync();
        Assert.Equal(
            [("IA-001", SpaceKind.Coworking, 0, 120.25m, 30, 900.50m), ("IA-101", SpaceKind.Office, 1, 24.5m, 4, 2450.50m), ("IA-102", SpaceKind.MeetingRoom, 2, 18m, 8, 0m)],
            spaces.Select(s => (s.Code, s.Kind, s.Floor, s.AreaSquareMeters, s.Seats, s.MonthlyRate)));
        Assert.All(spaces, s => Assert.Equal((tanger, true), (s.SiteId, s.IsActive)));
        var ids = spaces.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var audited = await db.AuditLog.Where(a => a.Action == "space.import" && ids.Contains(a.EntityId)).ToListAsync();
        Assert.Equal(3, audited.Count);
        Assert.All(audited, a => Assert.Equal((nameof(Space), (int?)tanger, (string?)null), (a.EntityType, a.SiteId, a.Before)));
    }

    [Fact]
    public async Task Import_CommasDotsAndEnglishNames_ImportsTheRows()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string csv = "code,kind,floor,area,seats,monthly_rate\nIE-101,Office,3,20.5,2,1500\nIE-102,TrainingRoom,-1,40,20,\"1200,75\"\n";

        using var preview = await UploadAsync(client, "tanger", csv);
        using var confirm = await ConfirmAsync(client, "tanger", CheckedFile(WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync())));

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await using var db = app.Database.CreateContext();
        var training = await db.Spaces.SingleAsync(s => s.Code == "IE-102");
        Assert.Equal((SpaceKind.TrainingRoom, -1, 1200.75m), (training.Kind, training.Floor, training.MonthlyRate));
    }

    [Fact]
    public async Task Preview_BadRowsAndARepeatedCode_ReportsEachLineAndSavesNothingEvenIfConfirmed()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string csv = "code;type;etage;surface;places;loyer\n" +
            "IB-101;Bureau;1;20;2;1000\n" +
            "IB-102;Grenier;1;20;2;1000\n" +
            "IB-103;Bureau;1;-3;2;1000\n" +
            "ib-101;Bureau;2;30;3;1500\n" +
            "IB-104;Bureau;2;30;3;1500\n";

        using var preview = await UploadAsync(client, "tanger", csv);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        using var forged = await ConfirmAsync(client, "tanger", Convert.ToBase64String(Encoding.UTF8.GetBytes(csv)));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("3 ligne(s) sur 5 à corriger", html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 3, ResourceText.Of(app.Factory, "Import.KindUnknown", Cultures.Default, "Grenier")), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 4, ResourceText.Of(app.Factory, "Space.AreaInvalid")), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 5, ResourceText.Of(app.Factory, "Import.CodeRepeated", Cultures.Default, "IB-101", 2)), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ligne 2 :", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ligne 6 :", html, StringComparison.Ordinal);
        Assert.False(CheckedFileRegex().IsMatch(html), "No confirmation form while a row is wrong.");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 4, ResourceText.Of(app.Factory, "Space.AreaInvalid")), WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Spaces.AnyAsync(s => s.Code.StartsWith("IB-")));
    }

    [Fact]
    public async Task Preview_CodeAlreadyOnTheSite_IsReportedButTheSameCodeOnAnotherSiteIsNot()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await CreateAsync("tanger", "IC-101");
        await CreateAsync("oujda", "IC-102");
        const string csv = "code;kind;floor;area;seats;monthly_rate\nic-101;Office;1;20;2;1000\nIC-102;Office;1;20;2;1000\n";

        using var preview = await UploadAsync(client, "tanger", csv);

        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 2, ResourceText.Of(app.Factory, "Spaces.CodeTaken", Cultures.Default, "IC-101")), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ligne 3 :", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ManagerOfAnotherSite_IsForbiddenAndNothingIsSaved()
    {
        using var oujda = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);
        using var tanger = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string csv = "code;kind;floor;area;seats;monthly_rate\nID-101;Office;1;20;2;1000\n";
        var file = Convert.ToBase64String(Encoding.UTF8.GetBytes(csv));

        using var oujdaIntoTanger = await UploadAsync(oujda, "tanger", csv, formSlug: "oujda");
        using var oujdaConfirmsTanger = await ConfirmAsync(oujda, "tanger", file, formSlug: "oujda");
        using var tangerIntoOujda = await UploadAsync(tanger, "oujda", csv, formSlug: "tanger");
        using var tangerConfirmsOujda = await ConfirmAsync(tanger, "oujda", file, formSlug: "tanger");

        Assert.Equal(HttpStatusCode.Forbidden, oujdaIntoTanger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, oujdaConfirmsTanger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tangerIntoOujda.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tangerConfirmsOujda.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Spaces.AnyAsync(s => s.Code == "ID-101"));
    }

    [Fact]
    public async Task Preview_FileOverOneMegabyte_SaysTheLimit()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var csv = new StringBuilder("code;kind;floor;area;seats;monthly_rate\n");
        while (csv.Length <= 1024 * 1024)
        {
            csv.Append("IF-1;Office;1;20;2;1000").Append(' ', 200).Append('\n');
        }

        using var preview = await UploadAsync(client, "tanger", csv.ToString());

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.FileTooLarge", Cultures.Default, 1), WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_MoreThanTwoThousandRows_SaysTheLimit()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var csv = new StringBuilder("code;kind;floor;area;seats;monthly_rate\n");
        for (var i = 0; i <= 2000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"IG-{i};Office;1;20;2;1000\n");
        }

        using var preview = await UploadAsync(client, "tanger", csv.ToString());

        Assert.Contains("Le fichier contient plus de 2000 lignes", WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Example_IsACsvFileThatPassesThePreview()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);

        using var example = await client.GetAsync("/manage/oujda/spaces/import?handler=Example");
        var bytes = await example.Content.ReadAsByteArrayAsync();
        using var preview = await UploadAsync(client, "oujda", Encoding.UTF8.GetString(bytes));

        Assert.Equal("text/csv", example.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.Ready", Cultures.Default, 4), WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inventory_LinksToTheImport()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var html = await client.GetStringAsync("/manage/tanger/spaces");

        Assert.Contains("href=\"/manage/tanger/spaces/import\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_FiveMegabyteFile_GetsTheSizeMessageNotAnErrorPage()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await UploadAsync(client, "tanger", "code;type\n" + new string('x', 5 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le fichier dépasse", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>GETs the import page of <paramref name="formSlug"/> for the antiforgery token, then posts the file as a browser does.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string slug, string csv, string? formSlug = null)
    {
        var page = await client.GetStringAsync($"/manage/{formSlug ?? slug}/spaces/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(Token(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload", "spaces.csv");
        return await client.PostAsync($"/manage/{slug}/spaces/import?handler=Preview", content);
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string slug, string file, string? formSlug = null) =>
        Personas.PostFormAsync(client, $"/manage/{slug}/spaces/import?handler=Confirm", new() { ["Csv"] = file },
            formPage: $"/manage/{formSlug ?? slug}/spaces/import");

    private static string Token(string page) => Personas.Token(page);

    private static string CheckedFile(string html) =>
        CheckedFileRegex().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No confirmation form:\n" + html);

    private async Task CreateAsync(string slug, string code)
    {
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == slug);
        db.Spaces.Add(Space.Create(site.Id, code, SpaceKind.Office, 1, 20m, 4, 2000m));
        await db.SaveChangesAsync();
    }


    [GeneratedRegex("name=\"Csv\" value=\"([^\"]+)\"")]
    private static partial Regex CheckedFileRegex();
}
