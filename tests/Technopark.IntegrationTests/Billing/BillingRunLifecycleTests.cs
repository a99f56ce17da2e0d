using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Billing;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.IntegrationTests.Billing;

/// <summary>The run is idempotent, its drafts follow the stays, issued sources are not drafted again until a credit note cancels them.</summary>
public class BillingRunLifecycleTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly BillingMonth March = new(2027, 3);

    private static DateOnly D(int month, int day) => new(2027, month, day);

    [Fact]
    public async Task Run_TwiceThenStaysChangeThenIssueThenCredit_DraftsFollowAndIssuedSourcesAreBilledOnce()
    {
        app.Factory.Clock.SetToday(D(4, 2));
        await using var db = app.Database.CreateContext();
        var a = await TestBilling.CompanyAsync(db, "tanger", "E-Life A SARL");
        var b = await TestBilling.CompanyAsync(db, "tanger", "E-Life B SARL");
        var officeA = await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-L1", 3100m), a, D(1, 1));
        var seatsA = await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-L2", 500m, SpaceKind.Coworking, 10), a, D(3, 10), seats: 2);
        var officeB = await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-L3", 2000m), b, D(2, 1), D(3, 20));

        var first = await TestBilling.RunAsync(app.Factory.Services, "tanger", March);
        var second = await TestBilling.RunAsync(app.Factory.Services, "tanger", March);

        Assert.Equal(new RunResult(2, 0, 0, 0), first);
        Assert.Equal(new RunResult(0, 0, 2, 0), second);
        // A: 3100 (whole month) + 2 × 500 × 22 / 31 = 709.677… → 709.68; B: 2000 × 19 / 31 = 1225.806… → 1225.81.
        Assert.Equal([(officeA, 3100m), (seatsA, 709.68m)], await LinesAsync(db, a));
        Assert.Equal([(officeB, 1225.81m)], await LinesAsync(db, b));

        // A's office ends on the 16th (15 days: 1500.00); B's stay is extended past the month (2000.00) and B takes a second office on the 25th (7 days: 700.00).
        (await db.Assignments.SingleAsync(x => x.Id == officeA)).EndOn(D(3, 16), AssignmentEnd.Closed);
        (await db.Assignments.SingleAsync(x => x.Id == officeB)).Extend(D(4, 10));
        await db.SaveChangesAsync();
        var secondOfficeB = await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-L4", 3100m), b, D(3, 25));

        Assert.Equal(new RunResult(0, 2, 0, 0), await TestBilling.RunAsync(app.Factory.Services, "tanger", March));
        Assert.Equal([(officeA, 1500m), (seatsA, 709.68m)], await LinesAsync(db, a));
        Assert.Equal([(officeB, 2000m), (secondOfficeB, 700m)], await LinesAsync(db, b));

        // A is issued: its sources are not drafted again, a new stay of A in March is (a draft of its own).
        var draftA = await DraftIdAsync(db, a);
        var numbers = await TestBilling.IssueAsync(app.Factory.Services, "tanger", March, [draftA]);
        Assert.Equal(["TNG-2027-000001"], numbers);
        Assert.Equal(new RunResult(0, 0, 1, 0), await TestBilling.RunAsync(app.Factory.Services, "tanger", March));
        Assert.Empty(await LinesAsync(db, a));
        var lateA = await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-L5", 3100m), a, D(3, 31));
        Assert.Equal(new RunResult(1, 0, 1, 0), await TestBilling.RunAsync(app.Factory.Services, "tanger", March));
        Assert.Equal([(lateA, 100m)], await LinesAsync(db, a));

        // Crediting A's invoice: the run drafts its sources again, next to the new one.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var siteId = await TestBilling.SiteIdAsync(db, "tanger");
            var note = await scope.ServiceProvider.GetRequiredService<Invoicing>().CreditAsync(siteId, draftA, "Loyer erroné", "test-user", CancellationToken.None);
            Assert.Equal("TNG-AV-2027-000001", note.Number);
        }

        Assert.Equal(new RunResult(0, 1, 1, 0), await TestBilling.RunAsync(app.Factory.Services, "tanger", March));
        Assert.Equal([(officeA, 1500m), (seatsA, 709.68m), (lateA, 100m)], await LinesAsync(db, a));
        Assert.Equal(new RunResult(0, 0, 2, 0), await TestBilling.RunAsync(app.Factory.Services, "tanger", March));
    }

    [Fact]
    public async Task Run_StayGoneFromTheMonth_RemovesTheEmptyDraftButKeepsADraftWithAService()
    {
        app.Factory.Clock.SetToday(new DateOnly(2026, 7, 2));
        var june = new BillingMonth(2026, 6);
        await using var db = app.Database.CreateContext();
        var c = await TestBilling.CompanyAsync(db, "tanger", "E-Gone C SARL");
        var d = await TestBilling.CompanyAsync(db, "tanger", "E-Gone D SARL");
        var stayC = await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-G1", 3000m), c, new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 20));
        var stayD = await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-G2", 3000m), d, new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 20));
        Assert.Equal(2, (await TestBilling.RunAsync(app.Factory.Services, "tanger", june)).Created);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Invoicing>().AddServiceAsync(await TestBilling.SiteIdAsync(db, "tanger"), d, june, "Domiciliation", 1m, 150m,
                CancellationToken.None);
        }

        // Both stays are corrected to start in July (entered by mistake in June): nothing left to bill in June but D's service.
        await db.Database.ExecuteSqlAsync($"UPDATE assignments SET start_on = '2026-07-01', end_on = '2026-07-10' WHERE id IN ({stayC}, {stayD})");

        Assert.Equal(new RunResult(0, 1, 0, 1), await TestBilling.RunAsync(app.Factory.Services, "tanger", june));
        Assert.False(await db.Invoices.AnyAsync(i => i.CompanyId == c));
        var draftD = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.CompanyId == d);
        Assert.Equal(150m, Assert.Single(draftD.Lines, l => l.IsService).AmountExclVat);
        Assert.Equal(180m, draftD.TotalInclVat);
    }

    [Fact]
    public async Task Run_WhileAnIssueOfTheSiteIsInProgress_WaitsForItAndDraftsNothingAgain()
    {
        app.Factory.Clock.SetToday(new DateOnly(2026, 10, 2));
        var september = new BillingMonth(2026, 9);
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", "E-Race SARL");
        await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-RC1", 3000m), company, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1));
        var first = await TestBilling.CompanyAsync(db, "tanger", "E-Race First SARL");
        await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-RC2", 3000m), first, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1));
        await TestBilling.RunAsync(app.Factory.Services, "tanger", september);
        var draft = await DraftIdAsync(db, company);
        var siteId = await TestBilling.SiteIdAsync(db, "tanger");
        // The year's counter row exists (its update then takes no key lock on the site, unlike its first insert).
        Assert.Equal(["TNG-2026-000001"], await TestBilling.IssueAsync(app.Factory.Services, "tanger", september, [await DraftIdAsync(db, first)]));

        // The owner holds the audit log: the issue has locked its drafts and taken its number, and waits there to write its entry.
        await using var owner = new Npgsql.NpgsqlConnection(app.Database.OwnerConnectionString);
        await owner.OpenAsync();
        var hold = await owner.BeginTransactionAsync();
        await using (var lockAudit = new Npgsql.NpgsqlCommand("LOCK TABLE audit_log IN EXCLUSIVE MODE", owner, hold))
        {
            await lockAudit.ExecuteNonQueryAsync();
        }

        await using var issueScope = app.Factory.Services.CreateAsyncScope();
        var issue = issueScope.ServiceProvider.GetRequiredService<Invoicing>().IssueAsync(siteId, september, [draft], "test-user", CancellationToken.None);
        await Task.Delay(1500);
        var run = TestBilling.RunAsync(app.Factory.Services, "tanger", september);
        var finishedFirst = await Task.WhenAny(run, Task.Delay(1500));

        Assert.NotSame(run, finishedFirst); // the run waits for the issue in progress
        await hold.RollbackAsync();
        Assert.Equal(["TNG-2026-000002"], await issue);
        Assert.Equal(new RunResult(0, 0, 0, 0), await run);
        Assert.False(await db.Invoices.AnyAsync(i => i.CompanyId == company && i.Status == InvoiceStatus.Draft));
    }

    private static async Task<long> DraftIdAsync(TechnoparkDbContext db, int companyId) =>
        await db.Invoices.Where(i => i.CompanyId == companyId && i.Status == InvoiceStatus.Draft).Select(i => i.Id).SingleAsync();

    /// <summary>The company's draft lines of March: (assignment id, amount excl. VAT) by assignment id.</summary>
    private static async Task<List<(int, decimal)>> LinesAsync(TechnoparkDbContext db, int companyId)
    {
        var lines = await db.InvoiceLines.AsNoTracking()
            .Where(l => db.Invoices.Any(i => i.Id == l.InvoiceId && i.CompanyId == companyId && i.Status == InvoiceStatus.Draft && i.Year == 2027 && i.Month == 3))
            .Select(l => new { l.SourceKey, l.AmountExclVat }).ToListAsync();
        return [.. lines.Select(l => (int.Parse(l.SourceKey!["stay:".Length..], System.Globalization.CultureInfo.InvariantCulture), l.AmountExclVat)).OrderBy(l => l.Item1)];
    }
}
