using System.Net;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>Whatever a resident or a manager puts in the rooms pages' URLs, the answer is a page or a 404, never a 500.</summary>
public sealed class RoomsBadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Urls => new()
    {
        "/sites/tanger/rooms?day=9999-12-31",
        "/sites/tanger/rooms?day=0001-01-01",
        "/sites/tanger/rooms?day=not-a-day",
        "/sites/tanger/rooms/999999?week=9999-12-31",
        "/sites/tanger/rooms/2147483647?week=0001-01-01",
        "/sites/tanger/rooms/find?day=9999-12-31&from=99:99&to=ab&people=-1&minutes=999999999&equipment=Nope",
        "/sites/tanger/rooms/find?day=0001-01-01&from=23:59&to=00:00&people=2147483647&minutes=-15",
        "/sites/tanger/rooms/book?space=abc&day=9999-12-31&start=25:00&end=zz&attendees=-5",
        "/sites/tanger/rooms/book?space=-1&day=0001-01-01&start=00:00&end=24:00&attendees=2147483647&title=%00",
        "/sites/tanger/rooms/mine?day=9999-12-31",
        "/sites/tanger/rooms/calendars?x=%ff",
        "/manage/tanger/rooms?month=9999-99&day=9999-12-31",
        "/manage/tanger/rooms?month=0001-01&day=not-a-day",
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Get_GarbageInTheUrl_IsAnsweredWithoutAServerError(string url)
    {
        foreach (var persona in new[] { Persona.CompanyOwner, Persona.ManagerTanger })
        {
            using var client = await Personas.ClientAsync(app.Factory, persona);

            using var response = await client.GetAsync(url);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{persona} {url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Post_GarbageBookingForm_ShowsTheFormAgainAndSavesNothing()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        await using var before = app.Database.CreateContext();
        var count = before.Bookings.Count();

        using var response = await Personas.PostFormAsync(client, "/sites/tanger/rooms/book", new()
        {
            ["Input.SpaceId"] = "2147483647",
            ["Input.Day"] = "31/02/2027",
            ["Input.Start"] = "10h",
            ["Input.End"] = "99:99",
            ["Input.Attendees"] = "99999999999999999999",
            ["Input.Party"] = "Nobody",
            ["Input.CompanyId"] = "-1",
            ["Input.Repeat"] = "maybe",
            ["Input.RepeatUntil"] = "9999-12-31",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var after = app.Database.CreateContext();
        Assert.Equal(count, after.Bookings.Count());
    }

    /// <summary>A forged value for a checkbox (here the sign-in's "remember me") is a field error, not a 500 when the form is shown again.</summary>
    [Fact]
    public async Task Post_NotABooleanInACheckbox_ShowsTheFormAgain()
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await Personas.PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = "nobody@test.technopark.ma",
            ["Input.Password"] = "not-the-password",
            ["Input.RememberMe"] = "maybe",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string, string> Posts => new()
    {
        { "/sites/tanger/rooms/mine?handler=Cancel", "/sites/tanger/rooms/mine", "bookingId=abc&confirmed=maybe" },
        { "/sites/tanger/rooms/mine?handler=Cancel", "/sites/tanger/rooms/mine", "bookingId=99999999999999999999999&confirmed=true" },
        { "/sites/tanger/rooms/mine?handler=Cancel", "/sites/tanger/rooms/mine", "bookingId=-1&confirmed=true" },
        { "/sites/tanger/rooms/calendars?handler=Room", "/sites/tanger/rooms/calendars", "spaceId=abc&Confirmed=maybe" },
        { "/sites/tanger/rooms/calendars?handler=Company", "/sites/tanger/rooms/calendars", "companyId=2147483647&Confirmed=true" },
        { "/manage/tanger/rooms?handler=NoShow", "/manage/tanger/rooms", "id=abc&noShow=maybe&month=9999-99&day=x" },
        { "/manage/tanger/rooms?handler=NoShow", "/manage/tanger/rooms", "id=-5&noShow=true&month=2027-01&day=2027-01-05" },
    };

    /// <summary>Forged ids and flags on the rooms pages' buttons: a page, a 404 or a 403, never a 500, and no booking changes.</summary>
    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Post_ForgedButton_IsAnsweredWithoutAServerError(string url, string formPage, string body)
    {
        Persona[] personas = url.StartsWith("/manage/", StringComparison.Ordinal) ? [Persona.ManagerTanger] : [Persona.CompanyOwner, Persona.ManagerTanger];
        foreach (var persona in personas)
        {
            using var client = await Personas.ClientAsync(app.Factory, persona);
            var fields = body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

            using var response = await Personas.PostFormAsync(client, url, fields, formPage);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                or HttpStatusCode.BadRequest, $"{persona} {url} {body}: {(int)response.StatusCode}");
        }
    }
}
