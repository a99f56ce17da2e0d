using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using Technopark.Web;
using Technopark.Web.Localization;
using Technopark.IntegrationTests.Applications;

namespace Technopark.IntegrationTests.Security;

/// <summary>Issue 11: input from any user never produces a 500 nor a long query; every day has limits and a message.</summary>
public sealed class BadInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task Board_DayOutOfRange_ShowsTodayWithTheMessageBesideTheDay(string on)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await client.GetAsync($"/manage/tanger/board?on={on}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OutOfRangeMessage(), Forms.FieldError(await response.Content.ReadAsStringAsync(), "on"));
    }

    [Theory]
    [InlineData("To=9999-12-31")]
    [InlineData("From=0001-01-01")]
    public async Task ApplicationsInbox_FilterDayOutOfRange_MessageBesideTheField(string filter)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await client.GetAsync($"/manage/tanger/applications?{filter}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OutOfRangeMessage(), Forms.FieldError(await response.Content.ReadAsStringAsync(), filter.Split('=')[0]));
    }

    [Fact]
    public async Task Assign_DatesOutOfRange_MessagesBesideTheFields()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await Personas.PostFormAsync(client, "/manage/tanger/assign", new()
        {
            ["Input.SpaceId"] = "1",
            ["Input.CompanyId"] = "1",
            ["Input.Start"] = "9999-12-31",
            ["Input.LastDay"] = "9999-12-31",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(OutOfRangeMessage(), Forms.FieldError(html, "Input.Start"));
        Assert.Equal(OutOfRangeMessage(), Forms.FieldError(html, "Input.LastDay"));
    }

    [Theory]
    [InlineData("/hq/trend?on=9999-12-31")]
    [InlineData("/hq/trend?on=0001-01-01")]
    [InlineData("/hq?on=9999-12-31")]
    [InlineData("/hq/kpis?on=0001-01-01")]
    public async Task HqPages_DayOutOfRange_AnswerAtOnceWithTheMessage(string url)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var watch = Stopwatch.StartNew();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
        Assert.Equal(OutOfRangeMessage(), Forms.FieldError(await response.Content.ReadAsStringAsync(), "on"));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task OccupancyApi_DayOutOfRange_400Problem(string on)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await client.GetAsync($"/api/v1/occupancy?on={on}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("PUT", "/")]
    [InlineData("DELETE", "/")]
    [InlineData("PUT", "/Identity/Account/Login")]
    [InlineData("DELETE", "/manage/tanger/board")]
    [InlineData("TRACE", "/hq")]
    public async Task Page_UnknownMethod_405WithAllow(string method, string url)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApplicationDetail_NetworkAdmin_ReadsItLikeTheInbox()
    {
        var id = await SubmittedApplicationAsync("tanger");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var inbox = await hq.GetAsync("/manage/tanger/applications");
        using var detail = await hq.GetAsync($"/manage/tanger/applications/{id}");
        using var decide = await Personas.PostFormAsync(hq, $"/manage/tanger/applications/{id}?handler=Decide",
            new() { ["Decision"] = "Rejected", ["Reason"] = "Non" }, $"/manage/tanger/applications/{id}");

        Assert.Contains($"/manage/tanger/applications/{id}", await inbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.DoesNotContain("handler=Decide", await detail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode); // read-only: HQ decides nothing without a role on the site
    }

    [Fact]
    public async Task AnyRequest_SqlCommands_TimeOutAfterTheConfiguredSeconds()
    {
        var timeouts = new TimeoutRecorder();
        using var factory = app.Factory.WithWebHostBuilder(b => b.UseSetting("Database:RequestCommandTimeoutSeconds", "2")
            .ConfigureTestServices(s => s.AddSingleton<IInterceptor>(timeouts)));
        using var client = await Personas.ClientAsync(factory, Persona.NetworkAdmin);
        timeouts.Seen.Clear();

        using var response = await client.GetAsync("/hq/trend?on=2031-03-15");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(timeouts.Seen);
        Assert.All(timeouts.Seen, seconds => Assert.Equal(2, seconds));
    }

    /// <summary>The timeout of every SQL command sent while serving a request.</summary>
    private sealed class TimeoutRecorder : DbCommandInterceptor
    {
        private readonly HttpContextAccessor _http = new();

        public System.Collections.Concurrent.ConcurrentBag<int> Seen { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_http.HttpContext is not null)
            {
                Seen.Add(command.CommandTimeout);
            }

            return ValueTask.FromResult(result);
        }
    }

    private string OutOfRangeMessage()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("fr");
            return app.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>().OutOfRange();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private async Task<int> SubmittedApplicationAsync(string slug)
    {
        await Personas.EnsureAsync(app.Factory, Persona.Applicant);
        await using var db = app.Database.CreateContext();
        var email = Personas.Email(Persona.Applicant).ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).SingleAsync();
        return await TestApplications.SubmittedAsync(db, userId, slug, app.Factory.Clock.GetUtcNow(), "Projet HQ");
    }
}
