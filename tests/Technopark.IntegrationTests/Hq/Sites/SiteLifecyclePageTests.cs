using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;
using Technopark.Infrastructure;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage;

namespace Technopark.IntegrationTests.Hq.Sites;

public class SiteLifecyclePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private DateOnly Today => app.Factory.Clock.Today();

    [Fact]
    public async Task Move_PlannedToUnderConstructionAndBack_EachAudited()
    {
        var id = await SiteAdminData.AddSiteAsync(app, "larache");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using (var response = await SiteAdminData.PostAsync(hq, "larache", "Move", new() { ["to"] = "UnderConstruction" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(SiteStatus.UnderConstruction, (await SiteAdminData.SiteAsync(app, "larache")).Status);
        using (var response = await SiteAdminData.PostAsync(hq, "larache", "Move", new() { ["to"] = "Planned" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(SiteStatus.Planned, (await SiteAdminData.SiteAsync(app, "larache")).Status);
        var entries = await SiteAdminData.AuditAsync(app, id, "site.status");
        Assert.Equal(2, entries.Count);
        Assert.Contains("Planned", entries[0].Before!, StringComparison.Ordinal);
        Assert.Contains("UnderConstruction", entries[0].After!, StringComparison.Ordinal);
        Assert.Contains("Planned", entries[1].After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_PlannedSitePostedByHand_TransitionNotAllowedAndNothingChanged()
    {
        var id = await SiteAdminData.AddSiteAsync(app, "taza");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await SiteAdminData.PostAsync(hq, "taza", "Open", new() { ["OpenOn"] = SiteAdminData.Iso(Today), ["Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The statuses are named in the reader's language, not by their codes.
        var expected = ResourceText.Of(app.Factory, "Site.TransitionNotAllowed",
            arguments: [ResourceText.Of(app.Factory, "SiteStatus.Planned"), ResourceText.Of(app.Factory, "SiteStatus.Operational")]);
        Assert.Equal(expected, ResourceText.Inner(await response.Content.ReadAsStringAsync(), "lifecycle-error"));
        Assert.Equal(SiteStatus.Planned, (await SiteAdminData.SiteAsync(app, "taza")).Status);
        Assert.Empty(await SiteAdminData.AuditAsync(app, id, "site.status"));
    }

    [Fact]
    public async Task Move_PlannedToClosedPostedByHand_Refused()
    {
        await SiteAdminData.AddSiteAsync(app, "guercif");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await SiteAdminData.PostAsync(hq, "guercif", "Move", new() { ["to"] = "Closed" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(ResourceText.Inner(await response.Content.ReadAsStringAsync(), "lifecycle-error"));
        Assert.Equal(SiteStatus.Planned, (await SiteAdminData.SiteAsync(app, "guercif")).Status);
    }

    [Theory]
    [InlineData(null, true, "OpenOn-error", "Site.OpeningDateRequired")]
    [InlineData(1, true, "OpenOn-error", "Site.OpeningInFuture")]
    [InlineData(0, false, "ConfirmOpen-error", "SitesAdmin.ConfirmRequired")]
    public async Task Open_WithoutDateInTheFutureOrUnconfirmed_MessageNextToTheFieldAndStillUnderConstruction(int? daysFromToday, bool confirm, string errorId, string key)
    {
        var slug = $"ouvre-{errorId.ToLowerInvariant()[..4]}-{daysFromToday ?? 9}";
        await SiteAdminData.AddSiteAsync(app, slug);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        using (await SiteAdminData.PostAsync(hq, slug, "Move", new() { ["to"] = "UnderConstruction" }))
        {
        }

        var fields = new Dictionary<string, string> { ["OpenOn"] = daysFromToday is { } d ? SiteAdminData.Iso(Today.AddDays(d)) : string.Empty };
        if (confirm)
        {
            fields["Confirm"] = "true";
        }

        using var response = await SiteAdminData.PostAsync(hq, slug, "Open", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, key), ResourceText.Inner(await response.Content.ReadAsStringAsync(), errorId));
        var site = await SiteAdminData.SiteAsync(app, slug);
        Assert.Equal((SiteStatus.UnderConstruction, (DateOnly?)null), (site.Status, site.OpenedOn));
    }

    [Fact]
    public async Task Close_WithAssignmentsHeld_RefusedListingThemThenClosedOnceTheyEnded()
    {
        var opened = Today.AddYears(-2);
        var id = await SiteAdminData.AddSiteAsync(app, "sidi-ifni", opened);
        var office = await SiteAdminData.AddOfficeAsync(app, id, "B-204");
        var other = await SiteAdminData.AddOfficeAsync(app, id, "A-101");
        var closing = Today.AddDays(20);
        var held = await SiteAdminData.AddAssignmentAsync(app, id, office, "Atlas Robotics", opened, null);
        await SiteAdminData.AddAssignmentAsync(app, id, other, "Ancienne SARL", opened, closing); // ends the day before the closing day
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var fields = new Dictionary<string, string> { ["CloseOn"] = SiteAdminData.Iso(closing), ["Confirm"] = "true" };

        using (var refused = await SiteAdminData.PostAsync(hq, "sidi-ifni", "Close", new(fields)))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(ResourceText.Of(app.Factory, "Site.HasCurrentAssignments", arguments: ["1", "B-204 — Atlas Robotics"]),
                ResourceText.Inner(await refused.Content.ReadAsStringAsync(), "CloseOn-error"));
        }

        Assert.Equal(SiteStatus.Operational, (await SiteAdminData.SiteAsync(app, "sidi-ifni")).Status);
        Assert.Empty(await SiteAdminData.AuditAsync(app, id, "site.status"));

        await using (var db = app.Database.CreateContext())
        {
            var assignment = await db.Assignments.FindAsync(held);
            assignment!.EndOn(closing.AddDays(-3), Domain.Assignments.AssignmentEnd.Graduated);
            await db.SaveChangesAsync();
        }

        using (var closed = await SiteAdminData.PostAsync(hq, "sidi-ifni", "Close", new(fields)))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        var site = await SiteAdminData.SiteAsync(app, "sidi-ifni");
        Assert.Equal((SiteStatus.Closed, closing), (site.Status, site.ClosedOn));
        var entry = Assert.Single(await SiteAdminData.AuditAsync(app, id, "site.status"));
        Assert.Contains("Operational", entry.Before!, StringComparison.Ordinal);
        Assert.Contains("Closed", entry.After!, StringComparison.Ordinal);
        Assert.Contains(SiteAdminData.Iso(closing), entry.After!, StringComparison.Ordinal);

        var page = await hq.GetStringAsync("/hq/sites/sidi-ifni");
        Assert.Null(ResourceText.Tag(page, "close-form"));
        Assert.Null(ResourceText.Tag(page, "open-form"));
    }

    [Fact]
    public async Task Close_WithoutDateOrUnconfirmed_MessagesNextToTheFields()
    {
        var id = await SiteAdminData.AddSiteAsync(app, "midelt", Today.AddYears(-1));
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await SiteAdminData.PostAsync(hq, "midelt", "Close", new() { ["CloseOn"] = string.Empty });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(ResourceText.Of(app.Factory, "SitesAdmin.ConfirmRequired"), ResourceText.Inner(html, "ConfirmClose-error"));
        Assert.Equal(SiteStatus.Operational, (await SiteAdminData.SiteAsync(app, "midelt")).Status);
        Assert.Empty(await SiteAdminData.AuditAsync(app, id, "site.status"));
    }

    [Fact]
    public async Task Assign_AtAClosedSite_AssignmentReachingTheClosingDayRefused()
    {
        var id = await SiteAdminData.AddSiteAsync(app, "azrou", Today.AddYears(-1));
        var office = await SiteAdminData.AddOfficeAsync(app, id, "C-1");
        var closing = Today.AddDays(30);
        int companyId;
        await using (var db = app.Database.CreateContext())
        {
            var company = Domain.Companies.Company.Create(id, "Azrou Cèdre SARL", Domain.Companies.CompanyForm.Startup, Sectors.Digital);
            db.Companies.Add(company);
            var site = await db.Sites.FindAsync(id);
            site!.Close(closing, []);
            await db.SaveChangesAsync();
            companyId = company.Id;
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var assignments = scope.ServiceProvider.GetRequiredService<AssignmentService>();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            assignments.AssignAsync(id, office, companyId, new DateRange(Today, null), null, null, CancellationToken.None));
        Assert.Equal(("Site.ClosedOn", AssignmentService.LastDayField), (refused.Code, refused.Field));

        var accepted = await assignments.AssignAsync(id, office, companyId, new DateRange(Today, closing), null, null, CancellationToken.None);
        Assert.True(accepted > 0);
    }
}
