using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Nomads;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage.Passes;

namespace Technopark.IntegrationTests.Passes;

/// <summary>
/// Digital nomads' coworking passes (engineer E): a pass and the stays share the seats of a coworking space (both ways, under the
/// space's lock), a cancelled pass frees its seat, the page's validation, who may post, 404s, and the pass in the site's figures and board.
/// </summary>
public partial class CoworkingPassTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateOnly Day = Today.AddDays(20);
    private const string PassesUrl = "/manage/tanger/passes";

    public Task InitializeAsync()
    {
        app.Factory.Clock.SetToday(Today);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pass_FillsTheLastSeat_AnAssignmentOfOneSeatThatDayIsRefused()
    {
        var (space, companies) = await CoworkingAsync("E-CW1", seats: 2, companies: 2);
        await StayAsync(space, companies[0], Day.AddDays(-30), seats: 1);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var created = await Personas.PostFormAsync(manager, PassesUrl, PassForm(space, PassKind.Day, Day, "Ana Nomad", "ana@example.org", "150,00"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var refused = await Personas.PostFormAsync(manager, "/manage/tanger/assign", new()
        {
            ["Input.SpaceId"] = Id(space),
            ["Input.CompanyId"] = Id(companies[1]),
            ["Input.Start"] = Iso(Day.AddDays(-5)),
            ["Input.Seats"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(FieldError(await refused.Content.ReadAsStringAsync(), "Input.Seats")));

        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.SpaceId == space));
        var pass = await db.CoworkingPasses.SingleAsync(p => p.SpaceId == space);
        Assert.Equal((Day, Day.AddDays(1), 150m, false, "ana@example.org"), (pass.Period.Start, pass.Period.End!.Value, pass.Price, pass.Granted, pass.Email));
    }

    [Fact]
    public async Task Stays_FillEverySeatOneDayOfTheWeek_APassThatWeekIsRefusedNextToTheFirstDay()
    {
        var (space, companies) = await CoworkingAsync("E-CW2", seats: 2, companies: 2);
        await StayAsync(space, companies[0], Day.AddDays(-30), seats: 1);
        await StayAsync(space, companies[1], Day.AddDays(3), seats: 1, end: Day.AddDays(4));
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var refused = await Personas.PostFormAsync(manager, PassesUrl, PassForm(space, PassKind.Week, Day, "Bo Nomad", "bo@example.org", granted: true));
        using var accepted = await Personas.PostFormAsync(manager, PassesUrl, PassForm(space, PassKind.Day, Day, "Bo Nomad", "bo@example.org", granted: true));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Assignment.SeatsFull", "fr", "E-CW2", 0, Day.AddDays(3).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
            FieldError(await refused.Content.ReadAsStringAsync(), "Input.First"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(PassKind.Day, (await db.CoworkingPasses.SingleAsync(p => p.SpaceId == space)).Kind);
    }

    [Fact]
    public async Task PassesAndAssignments_TenParallelRequestsForTheLastSeat_ExactlyOneWins()
    {
        var (space, companies) = await CoworkingAsync("E-CW9", seats: 1, companies: 5);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var token = Personas.Token(await manager.GetStringAsync(PassesUrl));
        Dictionary<string, string> WithToken(Dictionary<string, string> form)
        {
            form["__RequestVerificationToken"] = token;
            return form;
        }

        var passes = Enumerable.Range(0, 5).Select(i => manager.PostAsync(PassesUrl,
            new FormUrlEncodedContent(WithToken(PassForm(space, PassKind.Day, Day, $"Nomad {i}", $"n{i}@example.org", "100")))));
        var stays = companies.Select(c => manager.PostAsync("/manage/tanger/assign", new FormUrlEncodedContent(WithToken(new()
        {
            ["Input.SpaceId"] = Id(space),
            ["Input.CompanyId"] = Id(c),
            ["Input.Start"] = Iso(Day),
            ["Input.LastDay"] = Iso(Day),
            ["Input.Seats"] = "1",
        }))));
        var responses = await Task.WhenAll(passes.Concat(stays));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.CoworkingPasses.CountAsync(p => p.SpaceId == space) + await db.Assignments.CountAsync(a => a.SpaceId == space));
    }

    [Fact]
    public async Task Cancel_AfterConfirmation_FreesTheSeatAuditsAndTheHolderWasEmailed()
    {
        var (space, companies) = await CoworkingAsync("E-CW3", seats: 1, companies: 1);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using (var created = await Personas.PostFormAsync(manager, PassesUrl, PassForm(space, PassKind.Month, Day, "Cy Nomad", "cy@example.org", "2500")))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        int passId;
        await using (var db = app.Database.CreateContext())
        {
            passId = await db.CoworkingPasses.Where(p => p.SpaceId == space).Select(p => p.Id).SingleAsync();
            var mail = await db.Outbox.AsNoTracking().SingleAsync(m => m.To == "cy@example.org");
            Assert.Contains(Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("E-CW3", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("/sites/tanger", mail.TextBody, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await AssignAsync(manager, space, companies[0])).StatusCode); // the seat is the pass's

        using var asked = await Personas.PostFormAsync(manager, $"{PassesUrl}?handler=Cancel&id={passId}", [], PassesUrl);
        var confirmation = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("id=\"confirm-cancel-pass\"", confirmation, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Null((await db.CoworkingPasses.SingleAsync(p => p.Id == passId)).CancelledAt);
        }

        using var cancelled = await Personas.PostFormAsync(manager, $"{PassesUrl}?handler=Cancel&id={passId}", new() { ["confirmed"] = "true" }, PassesUrl);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AssignAsync(manager, space, companies[0])).StatusCode);

        await using var check = app.Database.CreateContext();
        Assert.NotNull((await check.CoworkingPasses.SingleAsync(p => p.Id == passId)).CancelledAt);
        var key = passId.ToString(CultureInfo.InvariantCulture);
        Assert.True(await check.AuditLog.AnyAsync(a => a.Action == "pass.create" && a.EntityId == key));
        Assert.True(await check.AuditLog.AnyAsync(a => a.Action == "pass.cancel" && a.EntityId == key));
    }

    [Fact]
    public async Task Post_EmptyAndUnreadableFields_MessagesNextToEachField()
    {
        var (space, _) = await CoworkingAsync("E-CW4", seats: 3, companies: 0);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var empty = await Personas.PostFormAsync(manager, PassesUrl, new() { ["Input.SpaceId"] = "0", ["Input.Kind"] = "Year", ["Input.Price"] = "12x" });
        var html = await empty.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Passes.Page.SpaceRequired"), FieldError(html, "Input.SpaceId"));
        Assert.Equal(ResourceText.Of(app.Factory, "Passes.KindInvalid"), FieldError(html, "Input.Kind"));
        Assert.Equal(ResourceText.Of(app.Factory, "Passes.Page.FirstRequired"), FieldError(html, "Input.First"));
        Assert.Equal(ResourceText.Of(app.Factory, "Passes.NameRequired"), FieldError(html, "Input.HolderName"));
        Assert.Equal(ResourceText.Of(app.Factory, "Passes.EmailInvalid"), FieldError(html, "Input.Email"));
        Assert.False(string.IsNullOrWhiteSpace(FieldError(html, "Input.Price")));

        using var grantedWithPrice = await Personas.PostFormAsync(manager, PassesUrl, PassForm(space, PassKind.Day, Day, "Di Nomad", "di@example.org", "100", granted: true));
        Assert.Equal(ResourceText.Of(app.Factory, "Passes.GrantedHasNoPrice"), FieldError(await grantedWithPrice.Content.ReadAsStringAsync(), "Input.Price"));
        using var unpaid = await Personas.PostFormAsync(manager, PassesUrl, PassForm(space, PassKind.Day, Day, "Di Nomad", "di@example.org", ""));
        Assert.Equal(ResourceText.Of(app.Factory, "Passes.PriceRequired"), FieldError(await unpaid.Content.ReadAsStringAsync(), "Input.Price"));

        await using var db = app.Database.CreateContext();
        Assert.False(await db.CoworkingPasses.AnyAsync(p => p.SpaceId == space));
    }

    [Fact]
    public async Task Post_AnOfficeOrAnotherSitesCoworking_IsRefusedNextToTheSpace()
    {
        int office, essaouira;
        await using (var db = app.Database.CreateContext())
        {
            office = await TestBilling.SpaceAsync(db, "tanger", "E-B5", 2000m);
            essaouira = await TestBilling.SpaceAsync(db, "essaouira", "E-CW5", 800m, SpaceKind.Coworking, 4);
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        foreach (var space in new[] { office, essaouira })
        {
            using var refused = await Personas.PostFormAsync(manager, PassesUrl, PassForm(space, PassKind.Day, Day, "Ed Nomad", "ed@example.org", "100"));
            Assert.Equal(ResourceText.Of(app.Factory, "Passes.SpaceNotCoworking"), FieldError(await refused.Content.ReadAsStringAsync(), "Input.SpaceId"));
        }
    }

    [Theory]
    [InlineData(Persona.ReviewerTanger)]
    [InlineData(Persona.NetworkAdmin)]
    public async Task ReviewerAndHq_ReadButCannotPost(Persona persona)
    {
        var (space, _) = await CoworkingAsync($"E-CW6{(int)persona}", seats: 3, companies: 0);
        var passId = await PassAsync(space, Day);
        using var client = await Personas.ClientAsync(app.Factory, persona);

        var page = await client.GetStringAsync(PassesUrl);
        using var created = await Personas.PostFormAsync(client, PassesUrl, PassForm(space, PassKind.Day, Day, "Fa Nomad", "fa@example.org", "100"));
        using var cancelled = await Personas.PostFormAsync(client, $"{PassesUrl}?handler=Cancel&id={passId}", new() { ["confirmed"] = "true" }, PassesUrl);

        Assert.Contains($"data-pass=\"{passId}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"pass-new\"", page, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (created.StatusCode, cancelled.StatusCode));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.CoworkingPasses.CountAsync(p => p.SpaceId == space && p.CancelledAt == null));
    }

    [Fact]
    public async Task Cancel_UnknownOrOtherSitesPass_404()
    {
        int essaouira;
        await using (var db = app.Database.CreateContext())
        {
            essaouira = await TestBilling.SpaceAsync(db, "essaouira", "E-CW7", 800m, SpaceKind.Coworking, 4);
        }

        var otherSites = await PassAsync(essaouira, Day);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        foreach (var id in new[] { otherSites, int.MaxValue })
        {
            using var asked = await Personas.PostFormAsync(manager, $"{PassesUrl}?handler=Cancel&id={id}", [], PassesUrl);
            using var confirmed = await Personas.PostFormAsync(manager, $"{PassesUrl}?handler=Cancel&id={id}", new() { ["confirmed"] = "true" }, PassesUrl);
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (asked.StatusCode, confirmed.StatusCode));
        }

        await using var check = app.Database.CreateContext();
        Assert.Null((await check.CoworkingPasses.SingleAsync(p => p.Id == otherSites)).CancelledAt);
    }

    [Fact]
    public async Task LivePass_CountsInTheSitesSeatsAndBoardOnItsDaysOnly_NotInResidents()
    {
        var day = Today.AddDays(40);
        var (space, _) = await CoworkingAsync("E-CW8", seats: 3, companies: 0);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<NetworkQueries>();
        var before = (await queries.SitesOnAsync(day, default, await SiteIdAsync("tanger"))).Single();
        var live = await PassAsync(space, day, PassKind.Week);
        var cancelled = await PassAsync(space, day);
        await using (var db = app.Database.CreateContext())
        {
            (await db.CoworkingPasses.SingleAsync(p => p.Id == cancelled)).Cancel(app.Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var during = (await queries.SitesOnAsync(day.AddDays(6), default, await SiteIdAsync("tanger"))).Single();
        var after = (await queries.SitesOnAsync(day.AddDays(7), default, await SiteIdAsync("tanger"))).Single();
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var board = await manager.GetStringAsync($"/manage/tanger/board?on={Iso(day)}&kind=Coworking&view=tiles");

        Assert.Equal(before.SeatsOccupied + 1, during.SeatsOccupied);
        Assert.Equal(before.Residents, during.Residents);
        Assert.Equal(before.EndingSoon, during.EndingSoon);
        Assert.Equal(after.SeatsOccupied, before.SeatsOccupied);
        Assert.Contains($"data-board-pass=\"{live}\"", board, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-board-pass=\"{cancelled}\"", board, StringComparison.Ordinal);
        Assert.Matches("data-code=\"E-CW8\"[^>]*data-seats-used=\"1\"", board);
    }

    private static Dictionary<string, string> PassForm(int space, PassKind kind, DateOnly first, string name, string email, string price = "", bool granted = false)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.SpaceId"] = Id(space),
            ["Input.Kind"] = kind.ToString(),
            ["Input.First"] = Iso(first),
            ["Input.HolderName"] = name,
            ["Input.Email"] = email,
            ["Input.Nationality"] = "Suédoise",
            ["Input.Price"] = price,
        };
        if (granted)
        {
            form["Input.Granted"] = "true";
        }

        return form;
    }

    private static Task<HttpResponseMessage> AssignAsync(HttpClient client, int space, int company) =>
        Personas.PostFormAsync(client, "/manage/tanger/assign", new()
        {
            ["Input.SpaceId"] = Id(space),
            ["Input.CompanyId"] = Id(company),
            ["Input.Start"] = Iso(Day),
            ["Input.LastDay"] = Iso(Day),
            ["Input.Seats"] = "1",
        });

    private async Task<(int Space, int[] Companies)> CoworkingAsync(string code, int seats, int companies)
    {
        await using var db = app.Database.CreateContext();
        var space = await TestBilling.SpaceAsync(db, "tanger", code, 900m, SpaceKind.Coworking, seats);
        var ids = new int[companies];
        for (var i = 0; i < companies; i++)
        {
            ids[i] = await TestBilling.CompanyAsync(db, "tanger", $"E {code} Atlas {i} SARL");
        }

        return (space, ids);
    }

    private async Task StayAsync(int space, int company, DateOnly start, int seats, DateOnly? end = null)
    {
        await using var db = app.Database.CreateContext();
        await TestBilling.StayAsync(db, space, company, start, end, seats);
    }

    /// <summary>A paid pass written straight to the database (no seat check): the arrangement of a test.</summary>
    private async Task<int> PassAsync(int spaceId, DateOnly first, PassKind kind = PassKind.Day)
    {
        await using var db = app.Database.CreateContext();
        var space = await db.Spaces.SingleAsync(s => s.Id == spaceId);
        var pass = CoworkingPass.Create(space, kind, first, "Test Nomad", "test.nomad@example.org", null, 100m, false, "test", app.Factory.Clock.GetUtcNow());
        db.CoworkingPasses.Add(pass);
        await db.SaveChangesAsync();
        return pass.Id;
    }

    private async Task<int> SiteIdAsync(string slug)
    {
        await using var db = app.Database.CreateContext();
        return await TestBilling.SiteIdAsync(db, slug);
    }

    /// <summary>The message shown next to a field (its validation span), decoded; empty when none.</summary>
    private static string FieldError(string html, string field) =>
        ValidationSpan(field).Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : string.Empty;

    private static Regex ValidationSpan(string field) => new($"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
