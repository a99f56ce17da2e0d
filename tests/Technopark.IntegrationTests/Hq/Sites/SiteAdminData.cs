using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq.Sites;

/// <summary>Sites, offices and assignments written straight to the test database, and the site page's forms posted as a browser does.</summary>
public static class SiteAdminData
{
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<Site> SiteAsync(AppFixture app, string slug)
    {
        await using var db = app.Database.CreateContext();
        return await db.Sites.AsNoTracking().SingleAsync(s => s.Slug == slug);
    }

    /// <summary>A new site (operational from <paramref name="openedOn"/> when given, else planned).</summary>
    public static async Task<int> AddSiteAsync(AppFixture app, string slug, DateOnly? openedOn = null)
    {
        await using var db = app.Database.CreateContext();
        var site = Site.Create(slug, $"Technopark {slug}", slug, "Oriental", openedOn is null ? SiteStatus.Planned : SiteStatus.Operational);
        if (openedOn is { } on)
        {
            site.Opened(on.Year, on);
        }

        db.Sites.Add(site);
        await db.SaveChangesAsync();
        WrittenBehindTheAppsBack(app);
        return site.Id;
    }

    public static async Task<int> AddOfficeAsync(AppFixture app, int siteId, string code)
    {
        await using var db = app.Database.CreateContext();
        var space = Space.Create(siteId, code, SpaceKind.Office, 1, 20, 4, 3000);
        db.Spaces.Add(space);
        await db.SaveChangesAsync();
        WrittenBehindTheAppsBack(app);
        return space.Id;
    }

    /// <summary>A company of the site assigned to the office over [start, end).</summary>
    public static async Task<int> AddAssignmentAsync(AppFixture app, int siteId, int spaceId, string company, DateOnly start, DateOnly? end)
    {
        await using var db = app.Database.CreateContext();
        var space = await db.Spaces.SingleAsync(s => s.Id == spaceId);
        var resident = Company.Create(siteId, company, CompanyForm.Startup, Sectors.Digital);
        db.Companies.Add(resident);
        await db.SaveChangesAsync();
        var held = Assignment.Create(space, resident, new DateRange(start, end));
        db.Assignments.Add(held);
        await db.SaveChangesAsync();
        WrittenBehindTheAppsBack(app);
        return held.Id;
    }

    /// <summary>Written behind the app's back: its cached figures are stale.</summary>
    public static void WrittenBehindTheAppsBack(AppFixture app) => app.Factory.Services.GetRequiredService<DataVersion>().Bump();

    /// <summary>Posts one of the forms of /hq/sites/{slug} (handler Facts, Open, Close, Move…).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string slug, string handler, Dictionary<string, string> fields) =>
        Personas.PostFormAsync(client, $"/hq/sites/{slug}?handler={handler}", fields, formPage: $"/hq/sites/{slug}");

    public static async Task<HttpResponseMessage> UploadPhotoAsync(HttpClient client, string slug, string fileName, string contentType, byte[] bytes)
    {
        var token = Personas.Token(await client.GetStringAsync($"/hq/sites/{slug}"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "Photo", fileName);
        return await client.PostAsync($"/hq/sites/{slug}?handler=Photo", form);
    }

    /// <summary>The audit entries of a site for one action, oldest first.</summary>
    public static async Task<List<Technopark.Domain.Auditing.AuditEntry>> AuditAsync(AppFixture app, int siteId, string action)
    {
        await using var db = app.Database.CreateContext();
        var key = siteId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditLog.AsNoTracking().Where(a => a.EntityType == nameof(Site) && a.EntityId == key && a.Action == action)
            .OrderBy(a => a.Id).ToListAsync();
    }
}
