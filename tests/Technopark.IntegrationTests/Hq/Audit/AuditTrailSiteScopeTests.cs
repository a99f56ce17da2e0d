using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Auditing;
using Technopark.IntegrationTests.Figures;
using Technopark.TestSupport;
using Technopark.Web.Pages.Hq.Audit;
using static Technopark.IntegrationTests.Hq.Audit.AuditTrail;

namespace Technopark.IntegrationTests.Hq.Audit;

/// <summary>
/// A site's trail (/manage/{slug}/audit…) shows that site's entries only, whatever the URL asks; the CSV holds the rows of the
/// filtered view, escaped; an entry shows its values before and after side by side with the changed fields marked.
/// </summary>
public sealed class AuditTrailSiteScopeTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2028, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFixture, Seeded> Seeds = [];

    private Seeded _seeded = null!;

    private sealed record Seeded(int Tanger, int Oujda, IReadOnlyList<AuditEntry> Entries)
    {
        public IEnumerable<AuditEntry> Of(int? siteId) => Entries.Where(e => e.SiteId == siteId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }

    public async Task InitializeAsync()
    {
        if (Seeds.TryGetValue(app, out var seeded))
        {
            _seeded = seeded;
            return;
        }

        var tanger = await SiteIdAsync(app, "tanger");
        var oujda = await SiteIdAsync(app, "oujda");
        var entries = await SeedAsync(app, Enumerable.Range(0, 75).Select(i => Entry(Start.AddHours(i), (i % 3) switch { 0 => tanger, 1 => oujda, _ => null },
            kind: i % 2 == 0 ? "Space" : "SiteStaff", action: i % 2 == 0 ? "space.update" : "staff.change", entityId: $"{i}",
            userEmail: "manager@example.ma")));
        _seeded = new Seeded(tanger, oujda, entries);
        Seeds.Add(app, _seeded);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SiteTrail_TangerManager_SeesTangerEntriesOnly()
    {
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var (ids, _) = await AllPagesAsync(manager, "/manage/tanger/audit");
        var (asked, _) = await AllPagesAsync(manager, "/manage/tanger/audit?site=oujda"); // the site of the URL wins

        Assert.Equal(_seeded.Of(_seeded.Tanger).Select(e => e.Id), ids);
        Assert.Equal(ids, asked);
        Assert.Null(ResourceText.Tag(await OkAsync(manager, "/manage/tanger/audit"), "audit-site"));
    }

    [Fact]
    public async Task SiteEntry_OtherSiteOrNoSite_NotFound()
    {
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var own = _seeded.Of(_seeded.Tanger).First();

        using var ok = await manager.GetAsync($"/manage/tanger/audit/{own.Id}");
        using var other = await manager.GetAsync($"/manage/tanger/audit/{_seeded.Of(_seeded.Oujda).First().Id}");
        using var none = await manager.GetAsync($"/manage/tanger/audit/{_seeded.Of(null).First().Id}");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task SiteCsv_TangerManager_TangerRowsOnly()
    {
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var rows = Pages.Csv(await manager.GetByteArrayAsync("/manage/tanger/audit.csv?site=oujda"));

        Assert.Equal(_seeded.Of(_seeded.Tanger).Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal("tanger", r[3]));
    }

    [Theory]
    [InlineData(Persona.ManagerOujda)]
    [InlineData(Persona.ReviewerTanger)]
    public async Task SiteTrail_NotTangersManager_Forbidden(Persona persona)
    {
        using var client = await Personas.ClientAsync(app.Factory, persona);
        var own = _seeded.Of(_seeded.Tanger).First();

        foreach (var url in new[] { "/manage/tanger/audit", "/manage/tanger/audit.csv", $"/manage/tanger/audit/{own.Id}" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Csv_SameRowsAsTheFilteredViewWithAHeader()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        const string Filter = "from=2028-04-01&to=2028-04-30";

        var (ids, sizes) = await AllPagesAsync(hq, $"/hq/audit?{Filter}");
        using var response = await hq.GetAsync($"/hq/audit.csv?{Filter}");
        var rows = Pages.Csv(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.True(sizes.Count > 1, "the view has several pages");
        Assert.Equal(ResourceText.Of(app.Factory, "Audit.Col.Id"), rows[0][0]);
        Assert.Equal(9, rows[0].Count);
        Assert.Equal(ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        var first = _seeded.Entries.Single(e => e.Id == ids[0]);
        Assert.Equal([AuditCsv.Iso(first.At), "manager@example.ma", first.SiteId == _seeded.Tanger ? "tanger" : first.SiteId == _seeded.Oujda ? "oujda" : "",
            first.EntityType, first.EntityId, first.Action], rows[1].Skip(1).Take(6));
    }

    [Fact]
    public async Task Csv_TextWithQuotesSeparatorsNewlinesAndFormulas_ReadsBackAndIsNotAFormula()
    {
        var tricky = "Dupont; \"Le Grand\",\nSARL";
        var entry = (await SeedAsync(app, [Entry(new DateTimeOffset(2028, 9, 9, 9, 0, 0, TimeSpan.Zero), _seeded.Tanger, kind: "Company",
            action: "test.csv", entityId: "=HYPERLINK(\"http://x\")", userEmail: "+212@example.ma",
            before: null, after: System.Text.Json.JsonSerializer.Serialize(new { name = tricky }))]))[0];
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var rows = Pages.Csv(await hq.GetByteArrayAsync("/hq/audit.csv?action=test.csv"));

        var row = Assert.Single(rows.Skip(1));
        Assert.Equal("'+212@example.ma", row[2]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", row[5]);
        Assert.Equal("", row[7]);
        await using var db = app.Database.CreateContext();
        var stored = await db.AuditLog.Where(a => a.Id == entry.Id).Select(a => a.After).SingleAsync();
        Assert.Equal(stored, row[8]);
        Assert.Equal(tricky, System.Text.Json.JsonDocument.Parse(row[8]).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task EntryPage_BeforeAndAfterSideBySide_ChangedFieldsMarked()
    {
        var entry = (await SeedAsync(app, [Entry(new DateTimeOffset(2028, 10, 1, 9, 0, 0, TimeSpan.Zero), _seeded.Tanger, kind: "Space", action: "space.update",
            before: """{"code":"B-1","seats":4,"rates":{"monthly":1500}}""", after: """{"code":"B-1","seats":6,"rates":{"monthly":1500},"active":false}""")]))[0];
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        foreach (var (client, url) in new[] { (hq, $"/hq/audit/{entry.Id}"), (manager, $"/manage/tanger/audit/{entry.Id}") })
        {
            var html = await OkAsync(client, url);

            var before = Changes(html, "audit-before");
            var after = Changes(html, "audit-after");
            Assert.Equal(["active", "code", "rates.monthly", "seats"], before.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(before.Keys, after.Keys);
            Assert.True(before["seats"] && after["seats"] && before["active"] && after["active"]);
            Assert.False(before["code"] || after["code"] || before["rates.monthly"]);
            var changedText = ResourceText.Of(app.Factory, "Audit.Changed");
            Assert.Equal(2, Regex.Count(Table(html, "audit-after"), $"visually-hidden\"> \\({Regex.Escape(changedText)}\\)"));
        }
    }

    /// <summary>The rows of one side: field path → marked changed.</summary>
    private static Dictionary<string, bool> Changes(string html, string id) =>
        Regex.Matches(Table(html, id), "data-path=\"([^\"]+)\" data-changed=\"(true|false)\"").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value == "true");

    private static string Table(string html, string id) =>
        Regex.Match(html, $"<table[^>]*id=\"{id}\".*?</table>", RegexOptions.Singleline) is { Success: true } m ? m.Value : throw new InvalidOperationException($"no #{id}");
}
