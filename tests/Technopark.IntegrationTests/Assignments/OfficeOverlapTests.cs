using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage;

namespace Technopark.IntegrationTests.Assignments;

public class OfficeOverlapTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly March1 = new(2027, 3, 1);
    private static readonly DateOnly Sept1 = new(2027, 9, 1);

    [Fact]
    public async Task Assign_OverlappingPeriodOnOneOffice_IsRefusedWithTheOccupantAndDates()
    {
        var (office, first, second) = await ArrangeAsync("B-204");
        await AssignAsync(office, first, new DateRange(March1, Sept1));

        var error = await Assert.ThrowsAsync<DomainException>(() => AssignAsync(office, second, new DateRange(new DateOnly(2027, 8, 1), null)));

        Assert.Equal("Assignment.OfficeOccupied", error.Code);
        Assert.Equal(
            "Le bureau B-204 est déjà occupé du 01/03/2027 au 31/08/2027 par Atlas Numérique B-204.",
            Localized(error, "fr"));
        Assert.Equal(
            "Office B-204 is already occupied from 01/03/2027 to 31/08/2027 by Atlas Numérique B-204.",
            Localized(error, "en"));
        Assert.Equal(1, await CountAsync(office));
    }

    [Fact]
    public async Task Assign_PeriodStartingTheDayThePreviousEnds_IsAccepted()
    {
        var (office, first, second) = await ArrangeAsync("B-205");
        await AssignAsync(office, first, new DateRange(March1, Sept1));

        await AssignAsync(office, second, new DateRange(Sept1, null));

        Assert.Equal(2, await CountAsync(office));
    }

    [Fact]
    public async Task Assign_OpenEndedHolder_RefusesAnyLaterStart()
    {
        var (office, first, second) = await ArrangeAsync("B-206");
        await AssignAsync(office, first, new DateRange(March1, null));

        var error = await Assert.ThrowsAsync<DomainException>(() => AssignAsync(office, second, new DateRange(new DateOnly(2030, 1, 1), null)));

        Assert.Equal("Assignment.OfficeOccupiedOpen", error.Code);
    }

    [Fact]
    public async Task Database_RefusesOverlappingOfficeRowsEvenWithoutTheService()
    {
        var (office, first, second) = await ArrangeAsync("B-207");
        await AssignAsync(office, first, new DateRange(March1, Sept1));
        await using var db = app.Database.CreateContext();

        var sql = $"INSERT INTO assignments (site_id, space_id, company_id, start_on, end_on, seats, is_exclusive, monthly_rent) " +
                  $"SELECT site_id, id, {second}, DATE '2027-05-01', NULL, 1, true, 0 FROM spaces WHERE id = {office}";
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.True(PostgresErrors.IsExclusionViolation(error, DbConstraints.OfficeNoOverlap), error.Message);
    }

    [Fact]
    public async Task Assign_CoworkingBeyondItsSeats_IsRefused()
    {
        int coworking, first, second;
        await using (var db = app.Database.CreateContext())
        {
            var site = await db.Sites.SingleAsync(s => s.Slug == "oujda");
            var space = Space.Create(site.Id, "CW-T1", SpaceKind.Coworking, 0, 40m, 5, 600m);
            var a = Company.Create(site.Id, "Oriental Green", CompanyForm.Startup, Sectors.GreenTech);
            var b = Company.Create(site.Id, "Chergui IoT", CompanyForm.Startup, Sectors.It);
            db.AddRange(space, a, b);
            await db.SaveChangesAsync();
            (coworking, first, second) = (space.Id, a.Id, b.Id);
        }

        await AssignAsync(coworking, first, new DateRange(March1, Sept1), seats: 3);
        await AssignAsync(coworking, second, new DateRange(Sept1, null), seats: 5); // after the first ends: fits
        var error = await Assert.ThrowsAsync<DomainException>(() => AssignAsync(coworking, second, new DateRange(March1, null), seats: 3));

        Assert.Equal("Assignment.SeatsFull", error.Code);
        Assert.Equal(2, await CountAsync(coworking));
    }

    private async Task<(int Office, int First, int Second)> ArrangeAsync(string code)
    {
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
        var office = Space.Create(site.Id, code, SpaceKind.Office, 2, 24m, 4, 2400m);
        var first = Company.Create(site.Id, $"Atlas Numérique {code}", CompanyForm.Startup, Sectors.Digital);
        var second = Company.Create(site.Id, $"Sahara Solaire {code}", CompanyForm.Pme, Sectors.RenewableEnergy);
        db.AddRange(office, first, second);
        await db.SaveChangesAsync();
        return (office.Id, first.Id, second.Id);
    }

    private async Task AssignAsync(int space, int company, DateRange period, int? seats = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var siteId = await scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>().Spaces.Where(s => s.Id == space).Select(s => s.SiteId).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<AssignmentService>().AssignAsync(siteId, space, company, period, seats, null, CancellationToken.None);
    }

    private async Task<int> CountAsync(int space)
    {
        await using var db = app.Database.CreateContext();
        return await db.Assignments.CountAsync(a => a.SpaceId == space);
    }

    private string Localized(DomainException error, string culture) =>
        ResourceText.InLanguage(culture, () => app.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>().Message(error));
}
