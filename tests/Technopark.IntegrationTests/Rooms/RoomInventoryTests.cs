using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Spaces;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>A room's booking settings in the inventory: the space's edit page, the CSV import and the export.</summary>
public partial class RoomInventoryTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string EditUrl = "/manage/tanger/spaces/edit";

    [Fact]
    public async Task Create_MeetingRoomWithItsSettings_SavesBothAndOneAuditEntry()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var form = Form("RS-101", SpaceKind.MeetingRoom);
        form["Input.Equipment"] = "Projector"; // a second value below
        form["Input.Hours.Tuesday.Opens"] = form["Input.Hours.Tuesday.Closes"] = string.Empty; // closed on Tuesdays
        form["Input.Hours.Saturday.Opens"] = "09:00";
        form["Input.Hours.Saturday.Closes"] = "00:00"; // until midnight
        form["Input.HourRate"] = "1 250,50";
        form["Input.CancellationNoticeHours"] = "1,5";

        using var response = await PostAsync(client, EditUrl, form, ("Input.Equipment", "VideoConference"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var space = await db.Spaces.SingleAsync(s => s.Code == "RS-101");
        var settings = await db.RoomSettings.SingleAsync(r => r.SpaceId == space.Id);
        Assert.Equal(RoomEquipment.Projector | RoomEquipment.VideoConference, settings.Equipment);
        Assert.Equal([9 * 60, 18 * 60, 0, 0, 9 * 60, 18 * 60, 9 * 60, 18 * 60, 9 * 60, 18 * 60, 9 * 60, 24 * 60, 0, 0], settings.OpeningMinutes);
        Assert.Equal((60, 240, 30, 90), (settings.MinBookingMinutes, settings.MaxBookingMinutes, settings.BufferMinutes, settings.CancellationNoticeMinutes));
        Assert.Equal((1250.50m, 4000m, 7000m, 10m, 6), (settings.HourRate, settings.HalfDayRate, settings.DayRate, settings.VatPercent, settings.IncludedHoursPerMonth));
        Assert.Equal(RoomSettings.FeedTokenLength, settings.FeedToken.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", settings.FeedToken);
        var entry = await db.AuditLog.SingleAsync(a => a.Action == "space.create" && a.EntityId == space.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Matches("\"includedHoursPerMonth\":\\s*6", entry.After);
    }

    [Theory]
    [InlineData("Input.Hours.Monday.Opens", "08:10", "Input_Hours_Monday-error", "Rooms.Hours.Granularity")] // the domain's rule
    [InlineData("Input.Hours.Wednesday.Closes", "07:00", "Input_Hours_Wednesday-error", "RoomsAdmin.Hours.ClosesBeforeOpening")]
    [InlineData("Input.Hours.Friday.Closes", "", "Input_Hours_Friday-error", "RoomsAdmin.Hours.Incomplete")]
    [InlineData("Input.MaxBookingMinutes", "45", "Input_MaxBookingMinutes-error", "Rooms.Settings.MaxInvalid")]
    [InlineData("Input.BufferMinutes", "10", "Input_BufferMinutes-error", "Rooms.Settings.BufferInvalid")]
    [InlineData("Input.CancellationNoticeHours", "500", "Input_CancellationNoticeHours-error", "Rooms.Settings.NoticeInvalid")]
    [InlineData("Input.VatPercent", "45", "Input_VatPercent-error", "Rooms.Settings.VatInvalid")]
    [InlineData("Input.DayRate", "12.34.5", "Input_DayRate-error", "Reporting.Number.Invalid")]
    public async Task Create_RoomWithABadSetting_ShowsItsMessageNextToItsFieldAndSavesNothing(string field, string value, string errorId, string key)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var code = "RB-" + Math.Abs(field.GetHashCode(StringComparison.Ordinal) % 900 + 100).ToString(CultureInfo.InvariantCulture);
        var form = Form(code, SpaceKind.TrainingRoom);
        form[field] = value;

        using var response = await PostAsync(client, EditUrl, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var error = ResourceText.Inner(html, errorId) ?? string.Empty;
        var expected = Regex.Escape(ResourceText.Of(app.Factory, key, Cultures.Default, "\u0001", "\u0002", "\u0003")).Replace("\u0001", ".*").Replace("\u0002", ".*").Replace("\u0003", ".*");
        Assert.Matches(expected, error);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Spaces.AnyAsync(s => s.Code == code));
    }

    [Fact]
    public async Task Edit_OfficeBecomesATrainingRoom_GetsSettings_AndLosesThemAsAnOfficeAgain()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        int id;
        await using (var db = app.Database.CreateContext())
        {
            var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
            var office = Space.Create(tanger, "RK-101", SpaceKind.Office, 1, 40m, 4, 3000m);
            db.Spaces.Add(office);
            await db.SaveChangesAsync();
            id = office.Id;
        }

        var page = await client.GetStringAsync($"{EditUrl}/{id}");
        var form = Form("RK-101", SpaceKind.TrainingRoom);
        form["Input.Version"] = Regex.Match(page, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        form["Input.IncludedHoursPerMonth"] = "3";
        using var toRoom = await PostAsync(client, $"{EditUrl}/{id}", form);
        var roomPage = WebUtility.HtmlDecode(await client.GetStringAsync($"{EditUrl}/{id}"));

        Assert.Equal(HttpStatusCode.Redirect, toRoom.StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(3, (await db.RoomSettings.SingleAsync(r => r.SpaceId == id)).IncludedHoursPerMonth);
        }

        Assert.Contains("name=\"Input.IncludedHoursPerMonth\" value=\"3\"", roomPage, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "RoomsAdmin.Capacity"), roomPage, StringComparison.Ordinal);

        form = Form("RK-101", SpaceKind.Office);
        form["Input.Version"] = Regex.Match(roomPage, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        using var toOffice = await PostAsync(client, $"{EditUrl}/{id}", form);

        Assert.Equal(HttpStatusCode.Redirect, toOffice.StatusCode);
        await using var check = app.Database.CreateContext();
        Assert.False(await check.RoomSettings.AnyAsync(r => r.SpaceId == id));
    }

    [Fact]
    public async Task Edit_TwoManagersChangingOnlyTheSettingsFromOneVersion_TheSecondIsToldItChangedAndNothingOfHisIsSaved()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        int id;
        await using (var db = app.Database.CreateContext())
        {
            id = await TestRooms.CreateAsync(db, "tanger", "RK-STALE", seats: 10);
        }

        var page = await client.GetStringAsync($"{EditUrl}/{id}");
        var version = Regex.Match(page, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        var first = Form("RK-STALE", SpaceKind.MeetingRoom);
        first["Input.Version"] = version;
        first["Input.IncludedHoursPerMonth"] = "5";
        var second = Form("RK-STALE", SpaceKind.MeetingRoom);
        second["Input.Version"] = version;
        second["Input.IncludedHoursPerMonth"] = "9";

        using var saved = await PostAsync(client, $"{EditUrl}/{id}", first);
        using var stale = await PostAsync(client, $"{EditUrl}/{id}", second);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Common.Stale"), WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.Equal(5, (await check.RoomSettings.SingleAsync(r => r.SpaceId == id)).IncludedHoursPerMonth);
    }

    [Fact]
    public async Task Create_Office_HasNoSettingsWhateverTheRoomFieldsSay()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var form = Form("RO-101", SpaceKind.Office);
        form["Input.Hours.Monday.Opens"] = "nonsense";

        using var response = await PostAsync(client, EditUrl, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var id = await db.Spaces.Where(s => s.Code == "RO-101").Select(s => s.Id).SingleAsync();
        Assert.False(await db.RoomSettings.AnyAsync(r => r.SpaceId == id));
    }

    [Fact]
    public async Task Import_RoomColumns_ThenExport_ImportsBackTheSameSettings()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string csv = "code;type;etage;surface;places;loyer;équipements;lundi;mardi;mercredi;jeudi;vendredi;samedi;dimanche;durée_min;durée_max;battement;préavis_heures;tarif_heure;tarif_demi_journée;tarif_jour;tva;heures_incluses\n" +
            "RC-101;Salle de réunion;0;30;12;0;\"Écran;Visioconférence\";08:00-19:00;08:00-19:00;;08:30-18:00;08:00-12:00;09:00-24:00;;45;360;30;1,5;250,50;900;1 600;20;4\n" +
            "RC-102;ConferenceRoom;0;320;200;0;sonorisation+projecteur;;;;;;;;;;;;;;6000;;0\n" +
            "RC-103;Office;2;20;2;2000;;;;;;;;;;;;;;;;;\n";

        await ImportAsync(client, csv);
        using var export = await client.GetAsync("/manage/tanger/spaces?handler=Export");
        var exported = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = exported.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var again = string.Join("\n", [lines[0], .. lines.Where(l => l.StartsWith("RC-", StringComparison.Ordinal)).Select(l => "RD-" + l[3..])]);
        await ImportAsync(client, again);

        Assert.Equal(CsvExportType, export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Join(';', SpaceCsv.ExportColumns), lines[0]);
        await using var db = app.Database.CreateContext();
        var settings = await (from s in db.Spaces
                              where s.Code.StartsWith("RC-") || s.Code.StartsWith("RD-")
                              join r in db.RoomSettings on s.Id equals r.SpaceId into room
                              from r in room.DefaultIfEmpty()
                              select new { s.Code, Room = r }).ToListAsync();
        var first = settings.Single(s => s.Code == "RC-101").Room!;
        Assert.Equal(RoomEquipment.Screen | RoomEquipment.VideoConference, first.Equipment);
        Assert.Equal([480, 1140, 480, 1140, 0, 0, 510, 1080, 480, 720, 540, 1440, 0, 0], first.OpeningMinutes);
        Assert.Equal((45, 360, 30, 90, 250.50m, 900m, 1600m, 20m, 4),
            (first.MinBookingMinutes, first.MaxBookingMinutes, first.BufferMinutes, first.CancellationNoticeMinutes, first.HourRate, first.HalfDayRate, first.DayRate,
                first.VatPercent, first.IncludedHoursPerMonth));
        var conference = settings.Single(s => s.Code == "RC-102").Room!;
        Assert.Equal((RoomEquipment.SoundSystem | RoomEquipment.Projector, 6000m, 0, RoomSettings.DefaultMinMinutes),
            (conference.Equipment, conference.DayRate, conference.IncludedHoursPerMonth, conference.MinBookingMinutes));
        Assert.Equal(new int[14], conference.OpeningMinutes); // weekday columns given, all empty: closed
        Assert.Null(settings.Single(s => s.Code == "RC-103").Room);
        Assert.Null(settings.Single(s => s.Code == "RD-103").Room);
        foreach (var code in new[] { "101", "102" })
        {
            var original = settings.Single(s => s.Code == "RC-" + code).Room!;
            var copy = settings.Single(s => s.Code == "RD-" + code).Room!;
            Assert.Equal(Values(original), Values(copy));
            Assert.NotEqual(original.FeedToken, copy.FeedToken);
        }
    }

    [Fact]
    public async Task Import_OldFileWithoutRoomColumns_GivesTheRoomTheDefaultSettings()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        await ImportAsync(client, "code;type;etage;surface;places;loyer\nRE-201;Salle de formation;2;60;25;0\n");

        await using var db = app.Database.CreateContext();
        var id = await db.Spaces.Where(s => s.Code == "RE-201").Select(s => s.Id).SingleAsync();
        var settings = await db.RoomSettings.SingleAsync(r => r.SpaceId == id);
        Assert.Equal(Values(RoomSettings.Default(id, TestRooms.Token())), Values(settings));
    }

    [Fact]
    public async Task Import_BadRoomCells_ReportsEachByLineAndColumnAndSavesNothing()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string csv = "code;type;etage;surface;places;loyer;equipment;monday;min_minutes;vat_percent\n" +
            "RF-101;MeetingRoom;0;20;8;0;Screen+Hologram;08:00-25:00;30;20\n" +
            "RF-102;MeetingRoom;0;20;8;0;Screen;08:00-19:00;20;20\n" +
            "RF-103;MeetingRoom;0;20;8;0;Screen;08:00-19:00;30;douze\n";

        using var preview = await UploadAsync(client, csv);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());

        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 2,
            ResourceText.Of(app.Factory, "RoomsAdmin.Csv.EquipmentUnknown", Cultures.Default, "equipment", "Hologram")), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 2,
            ResourceText.Of(app.Factory, "RoomsAdmin.Csv.HoursInvalid", Cultures.Default, "monday", "08:00-25:00")), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 3,
            ResourceText.Of(app.Factory, "RoomsAdmin.Csv.ColumnError", Cultures.Default, "min_minutes",
                ResourceText.Of(app.Factory, "Rooms.Settings.MinInvalid", Cultures.Default, Booking.Granularity))), html, StringComparison.Ordinal);
        Assert.Contains(ResourceText.Of(app.Factory, "Import.LineError", Cultures.Default, 4,
            ResourceText.Of(app.Factory, "Import.NotANumber", Cultures.Default, "vat_percent", "douze")), html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Csv\"", html, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Spaces.AnyAsync(s => s.Code.StartsWith("RF-")));
    }

    private const string CsvExportType = "text/csv";

    private static object Values(RoomSettings r) => (r.Equipment, string.Join(",", r.OpeningMinutes), r.MinBookingMinutes, r.MaxBookingMinutes, r.BufferMinutes,
        r.CancellationNoticeMinutes, r.HourRate, r.HalfDayRate, r.DayRate, r.VatPercent, r.IncludedHoursPerMonth);

    /// <summary>A valid room form (Monday–Friday 09:00–18:00, 1 h to 4 h, 30 min buffer, 2 h notice, French amounts) for the kind given.</summary>
    private static Dictionary<string, string> Form(string code, SpaceKind kind)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Kind"] = kind.ToString(),
            ["Input.Floor"] = "0",
            ["Input.Area"] = "30",
            ["Input.Seats"] = "10",
            ["Input.MonthlyRate"] = "0",
            ["Input.Version"] = "0",
            ["Input.MinBookingMinutes"] = "60",
            ["Input.MaxBookingMinutes"] = "240",
            ["Input.BufferMinutes"] = "30",
            ["Input.CancellationNoticeHours"] = "2",
            ["Input.HourRate"] = "500",
            ["Input.HalfDayRate"] = "4 000",
            ["Input.DayRate"] = "7000,00",
            ["Input.VatPercent"] = "10",
            ["Input.IncludedHoursPerMonth"] = "6",
        };
        foreach (var day in HoursInput.Week)
        {
            var open = day is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            form[$"Input.Hours.{day}.Opens"] = open ? "09:00" : string.Empty;
            form[$"Input.Hours.{day}.Closes"] = open ? "18:00" : string.Empty;
        }

        return form;
    }

    /// <summary>Posts the form with its token (and repeated fields, such as a second ticked box).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form, params (string Name, string Value)[] more)
    {
        var fields = form.ToList();
        fields.Add(new("__RequestVerificationToken", Personas.Token(await client.GetStringAsync(url))));
        fields.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Name, m.Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task ImportAsync(HttpClient client, string csv)
    {
        using var preview = await UploadAsync(client, csv);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        var file = CheckedFile().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("Not importable:\n" + html);
        using var confirm = await Personas.PostFormAsync(client, "/manage/tanger/spaces/import?handler=Confirm", new() { ["Csv"] = file },
            formPage: "/manage/tanger/spaces/import");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var page = await client.GetStringAsync("/manage/tanger/spaces/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(Personas.Token(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload", "spaces.csv");
        return await client.PostAsync("/manage/tanger/spaces/import?handler=Preview", content);
    }

    [GeneratedRegex("name=\"Csv\" value=\"([^\"]+)\"")]
    private static partial Regex CheckedFile();
}
