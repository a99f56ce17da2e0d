using System.Net;
using Technopark.Domain.Auditing;
using Technopark.Domain.Common;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Hq.Audit;
using static Technopark.IntegrationTests.Hq.Audit.AuditTrail;

namespace Technopark.IntegrationTests.Hq.Audit;

/// <summary>
/// /hq/audit: each filter narrows the trail to what it says, pages by keyset return every entry once (ties on the instant
/// included), days are Morocco's, and a filter it cannot read gets a message beside the field. Each test seeds its own year.
/// </summary>
public sealed class AuditTrailFilterTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Pages_EntriesWithTheSameInstant_EveryEntryExactlyOnceNewestFirst()
    {
        var tanger = await SiteIdAsync(app, "tanger");
        var start = new DateTimeOffset(2029, 3, 1, 9, 0, 0, TimeSpan.Zero);
        // 130 entries, 7 of them at each instant: the page boundaries fall inside groups of equal instants.
        var seeded = await SeedAsync(app, Enumerable.Range(0, 130).Select(i => Entry(start.AddMinutes(i / 7), tanger, action: "test.paging", entityId: $"{i}")));
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var (ids, sizes) = await AllPagesAsync(hq, "/hq/audit?action=test.paging");

        var expected = seeded.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
        Assert.Equal(expected, ids);
        Assert.Equal([AuditTrailReader.PageSize, AuditTrailReader.PageSize, 30], sizes);
    }

    [Fact]
    public async Task NextPage_CarriesTheFilters_AndOffersTheFirstPage()
    {
        var tanger = await SiteIdAsync(app, "tanger");
        var start = new DateTimeOffset(2029, 6, 1, 9, 0, 0, TimeSpan.Zero);
        await SeedAsync(app, Enumerable.Range(0, 60).Select(i => Entry(start.AddMinutes(i), tanger, kind: "Invoice", action: "test.carry")));
        await SeedAsync(app, Enumerable.Range(0, 60).Select(i => Entry(start.AddMinutes(i), tanger, kind: "Payment", action: "test.carry")));
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var first = await OkAsync(hq, "/hq/audit?action=test.carry&kind=Invoice&site=tanger&from=2029-06-01&to=2029-06-01");
        var next = Href(first, "audit-next")!;
        var second = await OkAsync(hq, next);

        Assert.Contains("kind=Invoice", next, StringComparison.Ordinal);
        Assert.Contains("site=tanger", next, StringComparison.Ordinal);
        Assert.Contains("from=2029-06-01", next, StringComparison.Ordinal);
        Assert.Equal(10, Ids(second).Count);
        Assert.Null(Href(second, "audit-next"));
        Assert.Null(ResourceText.Tag(first, "audit-first"));
        Assert.DoesNotContain("after=", Href(second, "audit-first")!, StringComparison.Ordinal);
        Assert.Contains("kind=Invoice", Href(second, "audit-export")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_EachNarrowsToWhatItSays()
    {
        var tanger = await SiteIdAsync(app, "tanger");
        var oujda = await SiteIdAsync(app, "oujda");
        var manager = await UserIdAsync(app, Persona.ManagerTanger);
        var reviewer = await UserIdAsync(app, Persona.ReviewerTanger);
        var day = new DateOnly(2030, 5, 10);
        var random = new Random(17);
        var sites = new int?[] { tanger, oujda, null };
        var users = new[] { (manager, Personas.Email(Persona.ManagerTanger)), (reviewer, Personas.Email(Persona.ReviewerTanger)), ((string?)null, (string?)null) };
        var kinds = new[] { ("Space", "space.update"), ("Space", "space.create"), ("SiteStaff", "staff.grant"), ("Assignment", "assignment.end") };
        var seeded = await SeedAsync(app, Enumerable.Range(0, 90).Select(i =>
        {
            var (userId, email) = users[random.Next(users.Length)];
            var (kind, action) = kinds[random.Next(kinds.Length)];
            return Entry(SiteTime.Instant(day.AddDays(random.Next(10)), random.Next(1440)), sites[random.Next(sites.Length)], kind, action, userId, email);
        }));
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        const string Year = "from=2030-01-01&to=2030-12-31";

        async Task Check(string filter, Func<AuditEntry, bool> expected)
        {
            var (ids, _) = await AllPagesAsync(hq, $"/hq/audit?{Year}&{filter}");
            var want = seeded.Where(expected).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
            Assert.NotEmpty(want);
            Assert.True(want.Count < seeded.Count, $"{filter} narrows nothing");
            Assert.Equal(want, ids);
        }

        await Check("site=tanger", e => e.SiteId == tanger);
        await Check("site=oujda", e => e.SiteId == oujda);
        await Check($"person={Uri.EscapeDataString(Personas.Email(Persona.ManagerTanger).ToUpperInvariant())}", e => e.UserId == manager);
        await Check($"user={reviewer}", e => e.UserId == reviewer);
        await Check("kind=Space", e => e.EntityType == "Space");
        await Check("action=staff.grant", e => e.Action == "staff.grant");
        await Check("kind=Space&action=space.create", e => e.EntityType == "Space" && e.Action == "space.create");
        await Check("site=tanger&kind=Assignment", e => e.SiteId == tanger && e.EntityType == "Assignment");
        var (ids, _) = await AllPagesAsync(hq, "/hq/audit?from=2030-05-12&to=2030-05-14");
        Assert.Equal(seeded.Where(e => SiteTime.DayOf(e.At) is var d && d >= day.AddDays(2) && d <= day.AddDays(4))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id), ids);
    }

    [Fact]
    public async Task Days_AreMoroccoDays_TheToDayIncludedToItsLastMinute()
    {
        var tanger = await SiteIdAsync(app, "tanger");
        var from = new DateOnly(2031, 2, 10);
        var to = new DateOnly(2031, 2, 12);
        var entries = await SeedAsync(app,
        [
            Entry(SiteTime.Instant(from.AddDays(-1), 23 * 60 + 30), tanger, action: "test.days", entityId: "before-from"),
            Entry(SiteTime.Instant(from, 30), tanger, action: "test.days", entityId: "from-00:30"), // the evening before in UTC
            Entry(SiteTime.Instant(to, 23 * 60 + 30), tanger, action: "test.days", entityId: "to-23:30"),
            Entry(SiteTime.Instant(to.AddDays(1), 30), tanger, action: "test.days", entityId: "after-to"), // still the `to` day in UTC
        ]);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await OkAsync(hq, $"/hq/audit?action=test.days&from={Display.Iso(from)}&to={Display.Iso(to)}");

        Assert.Equal([entries[2].Id, entries[1].Id], Ids(html));
    }

    [Theory]
    [InlineData("from=9999-12-31", "audit-from", "")]
    [InlineData("to=2027-02-30", "audit-to", "")]
    [InlineData("from=2027-03-02&to=2027-03-01", "audit-to", "Audit.RangeInvalid")]
    [InlineData("site=atlantis", "audit-site", "Audit.SiteUnknown")]
    [InlineData("person=nobody%40example.ma", "audit-person", "Audit.PersonUnknown")]
    public async Task Filter_Unreadable_MessageBesideTheFieldAndNoEntries(string filter, string field, string key)
    {
        await SeedAsync(app, [Entry(app.Factory.Clock.GetUtcNow(), null, action: "test.bad")]);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await OkAsync(hq, $"/hq/audit?{filter}");

        var message = key.Length == 0
            ? ResourceText.Of(app.Factory, DateRangeLimits.OutOfRangeCode, Cultures.Default, Display.Day(DateRangeLimits.Min), Display.Day(DateRangeLimits.Max))
            : ResourceText.Of(app.Factory, key);
        Assert.Equal(message, Forms.FieldError(html, field));
        Assert.Contains("aria-invalid=\"true\"", ResourceText.Tag(html, field), StringComparison.Ordinal);
        Assert.Empty(Ids(html));
        Assert.Null(ResourceText.Tag(html, "audit-export"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("99999999999999999999_1")]
    [InlineData("1_2_3")]
    [InlineData("-5_3")]
    public async Task Cursor_Unreadable_FirstPage(string after)
    {
        await SeedAsync(app, [Entry(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero), null, action: "test.cursor")]);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = await OkAsync(hq, $"/hq/audit?action=test.cursor&after={Uri.EscapeDataString(after)}");

        Assert.NotEmpty(Ids(html));
        Assert.Equal(Ids(await OkAsync(hq, "/hq/audit?action=test.cursor")), Ids(html));
        Assert.Null(ResourceText.Tag(html, "audit-first"));
    }

    [Fact]
    public async Task Csv_BadFilter_BackToTheTrailWithTheFilter()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await hq.GetAsync("/hq/audit.csv?from=2027-03-02&to=2027-03-01");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hq/audit?from=2027-03-02&to=2027-03-01", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Entry_Unknown_NotFound()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await hq.GetAsync("/hq/audit/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
