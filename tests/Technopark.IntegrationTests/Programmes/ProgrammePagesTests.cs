using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Programmes;

/// <summary>
/// The programme pages of a site over HTTP: a manager creates a programme and enrols a resident with a coach (audited, coach emailed),
/// the database's one-programme-at-a-time guard and a retired programme come back as messages, a reviewer reads but cannot post, HQ
/// reads but cannot post, unknown or other sites' ids are 404s.
/// </summary>
public partial class ProgrammePagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    [Fact]
    public async Task CreateThenEnrol_Resident_ListedAuditedAndCoachEmailed()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A SARL");
        var coach = await db.Users.Where(u => u.Email == Personas.Email(Persona.ManagerTanger)).Select(u => u.Id).SingleAsync();

        using var created = await Personas.PostFormAsync(manager, "/manage/tanger/programmes", new()
        {
            ["Input.Kind"] = "Acceleration",
            ["Input.Name"] = "A Accélération",
            ["Input.DurationMonths"] = "6",
            ["Input.Services"] = "Coaching\nFormation",
            ["Input.Milestones"] = "MVP\n\nPremier client payant\n",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await db.Programmes.Where(p => p.Name == "A Accélération").Select(p => p.Id).SingleAsync();
        Assert.Equal(2, await db.ProgrammeMilestones.CountAsync(m => m.ProgrammeId == id));

        using var enrolled = await Enrol(manager, id, company, coach, "2027-02-15");

        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var enrolment = await db.Enrolments.AsNoTracking().SingleAsync(e => e.CompanyId == company);
        Assert.Equal((id, coach, new DateOnly(2027, 2, 15)), (enrolment.ProgrammeId, enrolment.CoachUserId, enrolment.Period.Start));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "programme.created" && a.EntityId == S(id)));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "enrolment.created" && a.EntityId == S(enrolment.Id)));
        Assert.True(await db.Outbox.AnyAsync(m => m.To == Personas.Email(Persona.ManagerTanger) && m.TextBody.Contains($"/company/{company}")));
        var page = await manager.GetStringAsync($"/manage/tanger/programmes/{id}");
        Assert.Matches($"data-enrolment=\"{enrolment.Id}\" data-company=\"{company}\"", page);
        var list = await manager.GetStringAsync("/manage/tanger/programmes");
        Assert.Matches($"data-programme=\"{id}\"", list);
    }

    [Fact]
    public async Task Enrol_CompanyAlreadyInAProgramme_OverlapMessageNextToTheCompany()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var first = await TestProgrammes.ProgrammeAsync(db, "tanger", "A Incubation chevauchement", "MVP");
        var second = await TestProgrammes.ProgrammeAsync(db, "tanger", "A Accélération chevauchement");
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Chevauchement SARL");
        await TestProgrammes.EnrolAsync(db, first, company, null, new DateOnly(2027, 1, 4));

        using var response = await Enrol(manager, second, company, null, "2027-02-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Enrolment.Overlap"), ErrorOf(await response.Content.ReadAsStringAsync(), "Input_CompanyId-error"));
        Assert.Equal(1, await db.Enrolments.CountAsync(e => e.CompanyId == company));
    }

    [Fact]
    public async Task Enrol_RetiredProgramme_RefusedWithItsMessage()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var id = await TestProgrammes.ProgrammeAsync(db, "tanger", "A Ancien programme");
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Retiré SARL");
        using (var retire = await Personas.PostFormAsync(manager, $"/manage/tanger/programmes/{id}?handler=Retire", new() { ["confirmed"] = "true" },
                   $"/manage/tanger/programmes/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        }

        using var response = await Enrol(manager, id, company, null, "2027-03-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Enrolment.ProgrammeRetired"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await db.Programmes.Where(p => p.Id == id).Select(p => p.IsActive).SingleAsync());
        Assert.False(await db.Enrolments.AnyAsync(e => e.CompanyId == company));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "programme.retired" && a.EntityId == S(id)));
    }

    [Fact]
    public async Task Enrol_CompanyOfAnotherSite_MessageAndNothingSaved()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var id = await TestProgrammes.ProgrammeAsync(db, "tanger", "A Incubation autre site");
        var oujda = await TestBilling.CompanyAsync(db, "oujda", "Atlas A Oujda SARL");

        using var response = await Enrol(manager, id, oujda, null, "2027-03-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Programmes.CompanyNotResident"), ErrorOf(await response.Content.ReadAsStringAsync(), "Input_CompanyId-error"));
        Assert.False(await db.Enrolments.AnyAsync(e => e.CompanyId == oujda));
    }

    [Theory]
    [InlineData(Persona.ReviewerTanger)]
    [InlineData(Persona.NetworkAdmin)]
    public async Task Post_ReviewerOrHq_Forbidden(Persona persona)
    {
        app.Factory.Clock.SetToday(Today);
        using var client = await Personas.ClientAsync(app.Factory, persona);
        await using var db = app.Database.CreateContext();
        var id = await TestProgrammes.ProgrammeAsync(db, "tanger", $"A Lecture {persona}");
        var company = await TestBilling.CompanyAsync(db, "tanger", $"Atlas A Lecture {persona} SARL");

        using var create = await Personas.PostFormAsync(client, "/manage/tanger/programmes", new() { ["Input.Kind"] = "Incubation", ["Input.Name"] = $"A Refusé {persona}", ["Input.DurationMonths"] = "12" });
        using var enrol = await Enrol(client, id, company, null, "2027-03-01");
        using var retire = await Personas.PostFormAsync(client, $"/manage/tanger/programmes/{id}?handler=Retire", new() { ["confirmed"] = "true" }, $"/manage/tanger/programmes/{id}");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (create.StatusCode, enrol.StatusCode, retire.StatusCode));
        Assert.False(await db.Programmes.AnyAsync(p => p.Name == $"A Refusé {persona}"));
        Assert.False(await db.Enrolments.AnyAsync(e => e.CompanyId == company));
        var page = await client.GetStringAsync($"/manage/tanger/programmes/{id}");
        Assert.DoesNotContain("id=\"enrol\"", page);
    }

    [Fact]
    public async Task BadIds_UnknownOrOtherSite_NotFound()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var tanger = await TestProgrammes.ProgrammeAsync(db, "tanger", "A Incubation ids", "MVP");
        var oujda = await TestProgrammes.ProgrammeAsync(db, "oujda", "A Incubation Oujda");
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Ids SARL");

        using var unknown = await manager.GetAsync("/manage/tanger/programmes/999999");
        using var otherSite = await manager.GetAsync($"/manage/tanger/programmes/{oujda}");
        using var postOther = await Personas.PostFormAsync(manager, $"/manage/tanger/programmes/{oujda}?handler=Enrol",
            new() { ["Input.CompanyId"] = S(company), ["Input.Start"] = "2027-03-01" }, $"/manage/tanger/programmes/{tanger}");
        using var badMilestone = await Personas.PostFormAsync(manager, $"/manage/tanger/programmes/{tanger}?handler=RetireMilestone",
            new() { ["milestoneId"] = "999999" });
        using var badEnrolment = await Personas.PostFormAsync(manager, $"/manage/tanger/programmes/{tanger}?handler=End",
            new() { ["enrolmentId"] = "999999", ["end"] = "2027-03-02", ["confirmed"] = "true" });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            [unknown.StatusCode, otherSite.StatusCode, postOther.StatusCode, badMilestone.StatusCode, badEnrolment.StatusCode]);
        Assert.False(await db.Enrolments.AnyAsync(e => e.CompanyId == company));
    }

    [Fact]
    public async Task EndEnrolment_AfterConfirmation_KeepsHistory()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var id = await TestProgrammes.ProgrammeAsync(db, "tanger", "A Incubation fin", "MVP");
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Fin SARL");
        var enrolment = await TestProgrammes.EnrolAsync(db, id, company, null, new DateOnly(2027, 1, 4));
        var url = $"/manage/tanger/programmes/{id}";

        using var ask = await Personas.PostFormAsync(manager, url + "?handler=End", new() { ["enrolmentId"] = S(enrolment), ["end"] = "2027-03-01" }, url);
        var confirmation = await ask.Content.ReadAsStringAsync();
        Assert.Null(await db.Enrolments.Where(e => e.Id == enrolment).Select(e => e.Period.End).SingleAsync());
        using var done = await Personas.PostFormAsync(manager, url + "?handler=End",
            new() { ["enrolmentId"] = S(enrolment), ["end"] = "2027-03-01", ["confirmed"] = "true" }, url);

        Assert.Contains("id=\"confirm-end-enrolment\"", confirmation);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(new DateOnly(2027, 3, 1), await db.Enrolments.Where(e => e.Id == enrolment).Select(e => e.Period.End).SingleAsync());
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "enrolment.ended" && a.EntityId == S(enrolment)));
        Assert.Matches($"data-enrolment=\"{enrolment}\" data-company=\"{company}\" data-current=\"false\"", await manager.GetStringAsync(url));
    }

    [Fact]
    public async Task Create_NoName_MessageNextToTheName()
    {
        app.Factory.Clock.SetToday(Today);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await Personas.PostFormAsync(manager, "/manage/tanger/programmes",
            new() { ["Input.Kind"] = "Incubation", ["Input.Name"] = " ", ["Input.DurationMonths"] = "abc" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Programme.NameRequired"), ErrorOf(html, "Input_Name-error"));
        Assert.NotEmpty(ErrorOf(html, "Input_DurationMonths-error"));
    }

    private static Task<HttpResponseMessage> Enrol(HttpClient client, int programmeId, int companyId, string? coach, string start)
    {
        var url = $"/manage/tanger/programmes/{programmeId}";
        return Personas.PostFormAsync(client, url + "?handler=Enrol", new()
        {
            ["Input.CompanyId"] = companyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CoachUserId"] = coach ?? string.Empty,
            ["Input.Start"] = start,
        }, url);
    }

    private static string S(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text of the error span <paramref name="id"/>, decoded (empty when there is none).</summary>
    private static string ErrorOf(string html, string id)
    {
        var match = Regex.Match(html, $"<span[^>]*id=\"{id}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", string.Empty)).Trim() : string.Empty;
    }
}
