using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Billing;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Billing;

/// <summary>The run drafts prorated rent, issuing numbers it in the site's series, and the database keeps issued invoices as they are.</summary>
public class BillingFoundationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly BillingMonth March = new(2027, 3);

    [Fact]
    public async Task RunThenIssue_ProratedRentIsNumberedInTheSitesSeriesAndTheDatabaseRefusesChanges()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 2));
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas Foundation SARL");
        var office = await TestBilling.SpaceAsync(db, "tanger", "BF-101", 3100m);
        var coworking = await TestBilling.SpaceAsync(db, "tanger", "BF-CW", 600m, SpaceKind.Coworking, seats: 10);
        await TestBilling.StayAsync(db, office, company, new DateOnly(2027, 3, 31)); // one day of 31
        await TestBilling.StayAsync(db, coworking, company, new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 16), seats: 3); // 15 days

        var first = await TestBilling.RunAsync(app.Factory.Services, "tanger", March);
        var again = await TestBilling.RunAsync(app.Factory.Services, "tanger", March);

        Assert.Equal(1, first.Created);
        Assert.Equal(0, again.Created + again.Updated);
        var draft = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.CompanyId == company);
        Assert.Equal([100m, 870.97m], draft.Lines.OrderBy(l => l.AmountExclVat).Select(l => l.AmountExclVat)); // 3100/31; 3×600×15/31
        Assert.Equal(draft.TotalExclVat + draft.TotalVat, draft.TotalInclVat);

        var numbers = await TestBilling.IssueAsync(app.Factory.Services, "tanger", March, [draft.Id]);

        Assert.Equal(["TNG-2027-000001"], numbers);
        var issued = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == draft.Id);
        Assert.Equal(new DateOnly(2027, 5, 2), issued.DueOn);
        Assert.Equal(0, (await TestBilling.RunAsync(app.Factory.Services, "tanger", March)).Drafts);
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"UPDATE invoices SET total_vat = 0 WHERE id = {draft.Id}"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM invoice_lines WHERE invoice_id = {draft.Id}"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM invoices WHERE id = {draft.Id}"));
    }
}
