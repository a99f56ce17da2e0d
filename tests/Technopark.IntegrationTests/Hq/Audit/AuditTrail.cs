using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Auditing;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq.Audit;

/// <summary>Seeds audit entries behind the app's back and reads the trail's pages (ids of the rows, the links).</summary>
public static partial class AuditTrail
{
    /// <summary>Adds the entries (as the server's superuser: the log is append-only, inserting is allowed) and returns them with their ids.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> SeedAsync(AppFixture app, IEnumerable<AuditEntry> entries)
    {
        await using var db = app.Database.CreateContext();
        var list = entries.ToList();
        db.AuditLog.AddRange(list);
        await db.SaveChangesAsync();
        return list;
    }

    public static AuditEntry Entry(DateTimeOffset at, int? siteId, string kind = "Space", string action = "space.update", string? userId = null,
        string? userEmail = null, string entityId = "1", string? before = """{"seats":1}""", string? after = """{"seats":2}""") =>
        AuditEntry.Create(at, userId, userEmail, siteId, action, kind, entityId, before, after);

    public static async Task<int> SiteIdAsync(AppFixture app, string slug)
    {
        await using var db = app.Database.CreateContext();
        return await db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
    }

    /// <summary>The persona's account id (the account is created when missing).</summary>
    public static async Task<string> UserIdAsync(AppFixture app, Persona persona)
    {
        await Personas.EnsureAsync(app.Factory, persona);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.FindByEmailAsync(Personas.Email(persona)))!.Id;
    }

    /// <summary>The entry ids of the rows of <c>#audit-entries</c>, in the page's order (none when the page has no table).</summary>
    public static IReadOnlyList<long> Ids(string html) =>
        Regex.Match(html, "<table[^>]*id=\"audit-entries\".*?</table>", RegexOptions.Singleline) is { Success: true } table
            ? [.. RowId().Matches(table.Value).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))]
            : [];

    /// <summary>The href of the element with this id (decoded), or null.</summary>
    public static string? Href(string html, string id) =>
        ResourceText.Tag(html, id) is { } tag && Regex.Match(tag, "href=\"([^\"]*)\"") is { Success: true } href ? href.Groups[1].Value : null;

    /// <summary>Every entry id of a filtered view, following <c>#audit-next</c> from <paramref name="url"/>; the pages' sizes too.</summary>
    public static async Task<(List<long> Ids, List<int> PageSizes)> AllPagesAsync(HttpClient client, string url)
    {
        var ids = new List<long>();
        var sizes = new List<int>();
        for (string? next = url; next is not null;)
        {
            var html = await client.GetStringAsync(next);
            var page = Ids(html);
            ids.AddRange(page);
            sizes.Add(page.Count);
            next = Href(html, "audit-next");
            Assert.True(sizes.Count < 100, "the pages never end");
        }

        return (ids, sizes);
    }

    public static async Task<string> OkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<tr data-audit-id=\"(\\d+)\"")]
    private static partial Regex RowId();
}
