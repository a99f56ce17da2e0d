using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>The booking form (/sites/{slug}/rooms/book) and the free-slot finder (/sites/{slug}/rooms/find), over HTTP.</summary>
public class BookPageTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    /// <summary>The app's "today" in these tests.</summary>
    private static readonly DateOnly Today = new(2027, 4, 1);

    /// <summary>A Wednesday ahead of <see cref="Today"/>.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);

    private const string Url = "/sites/tanger/rooms/book";

    public Task InitializeAsync()
    {
        app.Factory.Clock.SetToday(Today);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Post_ResidentForOwnCompany_SavesAndRedirectsToTheDayView()
    {
        var room = await RoomAsync("BK-RES", adjust: s => s.Set(included: 2));
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);

        var form = await client.GetStringAsync($"{Url}?space={Id(room)}&day={Iso(Day)}&start=10:00&end=13:00");
        Assert.Contains(Id(companies.Resident), ResourceText.Tag(form, "Input_CompanyId"), StringComparison.Ordinal);
        Assert.Contains("data-billable-minutes=\"60\"", ResourceText.Tag(form, "quota-billable"), StringComparison.Ordinal);
        using var response = await PostAsync(client, Fields(room, "10:00", "11:00", companies.Resident));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/sites/tanger/rooms?day={Iso(Day)}", response.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync(b => b.SpaceId == room);
        Assert.Equal((BookingPartyKind.Company, companies.Resident), (booking.PartyKind, booking.CompanyId));
        Assert.Equal(SiteTime.Instant(Day, 10 * 60), booking.Start);
    }

    /// <summary>
    /// A weekly series shown again (here for too many attendees) tells what it would add to the bills of each month it spans:
    /// 14/04 to 12/05, 2 h each Wednesday, 3 h included a month, 1 h already used in April → April 3 × 2 h + 1 h − 3 h = 4 h,
    /// May 2 × 2 h − 3 h = 1 h: 5 h billable in all.
    /// </summary>
    [Fact]
    public async Task Post_SeriesShownAgain_TellsTheBillableHoursOfEveryMonthItSpans()
    {
        var room = await RoomAsync("BK-SERIES-BILL", seats: 6, adjust: s => s.Set(included: 3));
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        using (var first = await PostAsync(client, Fields(room, "08:00", "09:00", companies.Resident)))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var series = Fields(room, "10:00", "12:00", companies.Resident);
        series["Input.Attendees"] = "7";
        series["Input.Repeat"] = "true";
        series["Input.RepeatUntil"] = Iso(new DateOnly(2027, 5, 12));

        using var response = await PostAsync(client, series);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-billable-minutes=\"300\"", ResourceText.Tag(await response.Content.ReadAsStringAsync(), "quota-billable"), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Post_ResidentForgesAnotherCompany_FieldErrorAndNothingSaved()
    {
        var room = await RoomAsync("BK-FORGE");
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);

        using var response = await PostAsync(client, Fields(room, "10:00", "11:00", companies.Other));

        await AssertRefusedAsync(response, room, "Input_CompanyId-error", "Rooms.Booking.PartyNotAllowed");
    }

    [Fact]
    public async Task Post_StaffForAnOutsideOrganisationWithIce_Saves()
    {
        var room = await RoomAsync("BK-EXT");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "14:00", "16:00", null);
        fields["Input.Party"] = "External";
        fields["Input.ExternalName"] = "Association Tanger Tech";
        fields["Input.ExternalContact"] = "contact@tangertech.ma";
        fields["Input.ExternalIce"] = "001234567000089";

        using var response = await PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync(b => b.SpaceId == room);
        Assert.Equal((BookingPartyKind.External, "Association Tanger Tech", "001234567000089", (int?)null),
            (booking.PartyKind, booking.ExternalName, booking.ExternalIce, booking.CompanyId));
    }

    [Fact]
    public async Task Post_StaffForAnOutsideOrganisationWithABadIce_FieldError()
    {
        var room = await RoomAsync("BK-ICE");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "14:00", "16:00", null);
        fields["Input.Party"] = "External";
        fields["Input.ExternalName"] = "Association";
        fields["Input.ExternalIce"] = "12345";

        using var response = await PostAsync(client, fields);

        await AssertRefusedAsync(response, room, "Input_ExternalIce-error", "Rooms.Booking.IceInvalid", 15);
    }

    [Theory]
    [InlineData("11:00", "10:00", 1, "Input_End-error", "Rooms.Booking.EndBeforeStart")]
    [InlineData("07:00", "08:00", 1, "Input_Start-error", "Rooms.Booking.OutsideHours", "08:00", "19:00")]
    [InlineData("08:00", "17:00", 1, "Input_End-error", "Rooms.Booking.TooLong", 480)]
    [InlineData("10:00", "11:00", 11, "Input_Attendees-error", "Rooms.Booking.OverCapacity", 10)]
    [InlineData("10:07", "11:00", 1, "Input_Start-error", "Rooms.Booking.Granularity", 15)]
    public async Task Post_BadSlot_FieldErrorAndNothingSaved(string start, string end, int attendees, string errorId, string code, params object[] arguments)
    {
        var room = await RoomAsync($"BK-BAD-{errorId.Length}-{code.Length}-{start[..2]}");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, start, end, null);
        fields["Input.Attendees"] = attendees.ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(client, fields);

        await AssertRefusedAsync(response, room, errorId, code, arguments);
    }

    [Fact]
    public async Task Post_PastSlot_FieldErrorAndNothingSaved()
    {
        var room = await RoomAsync("BK-PAST");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "10:00", "11:00", null);
        fields["Input.Day"] = Iso(Today.AddDays(-1));

        using var response = await PostAsync(client, fields);

        await AssertRefusedAsync(response, room, "Input_Start-error", "Rooms.Booking.InPast");
    }

    [Fact]
    public async Task RoomOfAnotherSite_InTheUrlOrTheForm_FieldErrorAndNothingSaved()
    {
        var oujda = await RoomAsync("BK-OUJDA", slug: "oujda");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var page = await client.GetStringAsync($"{Url}?space={Id(oujda)}&day={Iso(Day)}&start=10:00&end=11:00");
        Assert.Equal(Text("Rooms.Booking.RoomNotFound"), ResourceText.Inner(page, "Input_SpaceId-error"));
        Assert.DoesNotContain("BK-OUJDA", page, StringComparison.Ordinal);
        using var response = await PostAsync(client, Fields(oujda, "10:00", "11:00", null));

        await AssertRefusedAsync(response, oujda, "Input_SpaceId-error", "Rooms.Booking.RoomNotFound");
        Assert.DoesNotContain("BK-OUJDA", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TimeTheClockSkips_FieldErrorAndNothingSaved()
    {
        var today = new DateOnly(2027, 3, 1); // two weeks before the clock moves forward after Ramadan 1448
        app.Factory.Clock.SetToday(today);
        var (day, minute) = FirstSkippedQuarter(today);
        var room = await RoomAsync("BK-SKIP", adjust: s => s.Set(hours: WeeklyHours.AlwaysOpen));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, Booking.Clock(minute), Booking.Clock(minute + 60), null);
        fields["Input.Day"] = Iso(day);

        using var response = await PostAsync(client, fields);

        await AssertRefusedAsync(response, room, "Input_Start-error", "Rooms.Time.Skipped", Booking.Clock(minute));
    }

    [Theory]
    [InlineData("Input.Start", "25:99")]
    [InlineData("Input.End", "demain")]
    [InlineData("Input.Attendees", "99999999999999")]
    [InlineData("Input.Day", "2027-02-30")]
    [InlineData("Input.SpaceId", "-99999999999")]
    [InlineData("Input.Party", "Everyone")]
    [InlineData("Input.RepeatUntil", "9999-99-99")]
    public async Task Post_Garbage_AnswersTheFormWithAFieldErrorAndSavesNothing(string field, string value)
    {
        var room = await RoomAsync($"BK-G-{field.Length}-{value.Length}");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "10:00", "11:00", null);
        fields[field] = value;
        fields["Input.Repeat"] = field == "Input.RepeatUntil" ? "true" : "false";

        using var response = await PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("field-validation-error", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Bookings.AnyAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Post_SeriesWithAClash_ListsTheDatesAndSavesNothing()
    {
        var room = await RoomAsync("BK-SERIES");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "10:00", "11:00", null);
        fields["Input.Day"] = Iso(Day.AddDays(14));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, fields)).StatusCode);

        fields = Fields(room, "10:30", "11:30", null);
        fields["Input.Repeat"] = "true";
        fields["Input.RepeatUntil"] = Iso(Day.AddDays(28));
        using var response = await PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Text("Rooms.Recurrence.Clashes", Display.Day(Day.AddDays(14))), ResourceText.Inner(await response.Content.ReadAsStringAsync(), "Input_RepeatUntil-error"));
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Post_Series_SavesEveryWeekAndSaysHowMany()
    {
        var room = await RoomAsync("BK-WEEKLY");
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var fields = Fields(room, "10:00", "11:00", null);
        fields["Input.Repeat"] = "true";
        fields["Input.RepeatUntil"] = Iso(Day.AddDays(28));

        using var response = await PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var series = await db.Bookings.Where(b => b.SpaceId == room).ToListAsync();
        Assert.Equal(5, series.Count);
        Assert.Single(series.Select(b => b.SeriesId).Distinct());
    }

    [Fact]
    public async Task Post_TakenSlot_OffersTheNearestFreeSlotsAsLinksToTheForm()
    {
        var room = await RoomAsync("BK-TAKEN", adjust: s => s.Set(buffer: 0));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, Fields(room, "10:00", "11:00", null))).StatusCode);

        using var response = await PostAsync(client, Fields(room, "10:30", "11:30", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(Text("Rooms.Booking.Taken", "§").Split('§')[0], ResourceText.Inner(html, "Input_Start-error"), StringComparison.Ordinal);
        var offered = ResourceText.Inner(html, "nearest-slots");
        Assert.NotNull(offered);
        var pick = ResourceText.Inner(html, "pick-0");
        Assert.Contains("name=\"Input.Start\" value=\"11:00\"", pick, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.End\" value=\"12:00\"", pick, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, await db.Bookings.CountAsync(b => b.SpaceId == room));
    }

    /// <summary>One click on an offered slot books it with everything else the form said: the outside organisation, its contact and ICE.</summary>
    [Fact]
    public async Task Post_OfferedSlotAfterATakenOne_BooksItForTheSameOrganisation()
    {
        var room = await RoomAsync("BK-PICK", adjust: s => s.Set(buffer: 0));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, Fields(room, "10:00", "11:00", null))).StatusCode);
        var external = Fields(room, "10:30", "11:30", null);
        external["Input.Party"] = "External";
        external["Input.ExternalName"] = "Association Tanger Robotique";
        external["Input.ExternalContact"] = "+212 539 00 00 00";
        external["Input.ExternalIce"] = "001234567000089";
        using var taken = await PostAsync(client, external);
        var html = await taken.Content.ReadAsStringAsync();

        var fields = System.Text.RegularExpressions.Regex.Matches(ResourceText.Inner(html, "pick-0") ?? string.Empty,
                "<input (?:name=\"(?<name>[^\"]+)\" type=\"hidden\" value=\"(?<value>[^\"]*)\"|type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\")")
            .Where(m => m.Groups["name"].Value.StartsWith("Input.", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        using var picked = await PostAsync(client, fields);

        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        await using var db = app.Database.CreateContext();
        var booking = await db.Bookings.SingleAsync(b => b.SpaceId == room && b.Start == SiteTime.Instant(Day, 11 * 60));
        Assert.Equal((BookingPartyKind.External, "Association Tanger Robotique", "+212 539 00 00 00", "001234567000089"),
            (booking.PartyKind, booking.ExternalName, booking.ExternalContact, booking.ExternalIce));
    }

    [Fact]
    public async Task Post_NetworkAdminWithoutARoleOnTheSite_IsRefused()
    {
        var room = await RoomAsync("BK-HQ");
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await PostAsync(client, Fields(room, "10:00", "11:00", null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Bookings.AnyAsync(b => b.SpaceId == room));
    }

    [Fact]
    public async Task Find_PeopleAndEquipment_ListsOnlyTheRoomsThatFit()
    {
        await RoomAsync("FD-SMALL", seats: 4, adjust: s => s.Set(equipment: RoomEquipment.Screen));
        await RoomAsync("FD-NOSCREEN", seats: 12, adjust: s => s.Set(equipment: RoomEquipment.Whiteboard));
        var fits = await RoomAsync("FD-FITS", seats: 10, adjust: s => s.Set(equipment: RoomEquipment.Screen | RoomEquipment.VideoConference));
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        var html = await client.GetStringAsync($"/sites/tanger/rooms/find?day={Iso(Day)}&from=14:00&to=18:00&people=8&minutes=60&equipment=Screen");

        Assert.NotNull(ResourceText.Tag(html, "find-room-FD-FITS"));
        Assert.Null(ResourceText.Tag(html, "find-room-FD-SMALL"));
        Assert.Null(ResourceText.Tag(html, "find-room-FD-NOSCREEN"));
        Assert.Contains($"{Url}?space={Id(fits)}&day={Iso(Day)}&start=14:00&end=15:00", Links(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_NoRoomFits_SaysSoAndSuggestsTheNextDay()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        var html = await client.GetStringAsync($"/sites/tanger/rooms/find?day={Iso(Day)}&people=500");

        Assert.Contains(Text("RoomsBook.Find.None"), ResourceText.Inner(html, "find-none"), StringComparison.Ordinal);
        Assert.Contains($"day={Iso(Day.AddDays(1))}", ResourceText.Tag(html, "find-next-day"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=18:00&to=14:00", "to-error", "RoomsBook.Find.ToBeforeFrom")]
    [InlineData("minutes=0", "minutes-error", "RoomsBook.Find.MinutesInvalid", 15, 24)]
    [InlineData("minutes=300", "minutes-error", "RoomsBook.Find.MinutesLongerThanWindow")]
    [InlineData("people=abc", "people-error", "RoomsBook.Find.PeopleInvalid", 500)]
    [InlineData("from=9h", "from-error", "RoomsBook.Find.FromInvalid")]
    [InlineData("equipment=Jacuzzi", "equipment-error", "RoomsBook.Find.EquipmentInvalid")]
    public async Task Find_BadInput_FieldMessage(string query, string errorId, string code, params object[] arguments)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        using var response = await client.GetAsync($"/sites/tanger/rooms/find?day={Iso(Day)}&{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(Text(code, arguments), ResourceText.Inner(html, errorId));
        Assert.Null(ResourceText.Tag(html, "find-results"));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, int room, string errorId, string code, params object[] arguments)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Text(code, arguments), ResourceText.Inner(await response.Content.ReadAsStringAsync(), errorId));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Bookings.AnyAsync(b => b.SpaceId == room));
    }

    private string Text(string key, params object[] arguments) =>
        ResourceText.Of(app.Factory, key, Cultures.Default, [.. arguments.Select(a => a is int n ? Display.Count(n) : a)]);

    private async Task<int> RoomAsync(string code, string slug = "tanger", int seats = 10, Action<RoomSettings>? adjust = null)
    {
        await using var db = app.Database.CreateContext();
        return await TestRooms.CreateAsync(db, slug, code, seats, adjust: adjust);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields) =>
        Personas.PostFormAsync(client, Url, fields);

    private static Dictionary<string, string> Fields(int room, string start, string end, int? company) => new()
    {
        ["Input.SpaceId"] = Id(room),
        ["Input.Day"] = Iso(Day),
        ["Input.Start"] = start,
        ["Input.End"] = end,
        ["Input.Attendees"] = "4",
        ["Input.Title"] = "Réunion d'équipe",
        ["Input.Party"] = company is null ? "Site" : "Company",
        ["Input.CompanyId"] = company is { } id ? Id(id) : string.Empty,
    };

    /// <summary>The first quarter hour the Moroccan clock skips after <paramref name="from"/> (the night it moves forward), from the system's tz database.</summary>
    private static (DateOnly Day, int Minute) FirstSkippedQuarter(DateOnly from)
    {
        for (var day = from.AddDays(1); day < from.AddDays(Booking.MaxDaysAhead); day = day.AddDays(1))
        {
            for (var minute = 0; minute < WeeklyHours.MinutesPerDay - 60; minute += Booking.Granularity)
            {
                if (SiteTime.IsSkipped(day, minute))
                {
                    return (day, minute);
                }
            }
        }

        throw new InvalidOperationException("The time-zone database gives no forward change of the Moroccan clock within a year.");
    }

    /// <summary>The page's links as a browser follows them (entities and percent-escapes decoded).</summary>
    private static string Links(string html) => Uri.UnescapeDataString(WebUtility.HtmlDecode(html));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => Display.Iso(day);
}
