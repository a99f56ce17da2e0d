using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.Domain.Billing;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.IntegrationTests.Billing;

/// <summary>Invoice and credit note numbers stay gapless and distinct under concurrent issuers, after a rolled-back issue and across a year change.</summary>
public class BillingNumberingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task IssueAndCredit_TenConcurrentIssuersAndTenCreditors_BothSeriesGaplessAndDistinct()
    {
        app.Factory.Clock.SetToday(new DateOnly(2029, 1, 5));
        var (november, december) = (new BillingMonth(2028, 11), new BillingMonth(2028, 12));
        await using var db = app.Database.CreateContext();
        await StaysAsync(db, "E-Num", 10, new DateOnly(2028, 11, 1), new DateOnly(2029, 1, 1));
        await TestBilling.RunAsync(app.Factory.Services, "tanger", november);
        var issuedInNovember = await TestBilling.IssueAsync(app.Factory.Services, "tanger", november);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"TNG-2029-{n:D6}"), issuedInNovember);
        await TestBilling.RunAsync(app.Factory.Services, "tanger", december);
        var toIssue = await db.Invoices.Where(i => i.Year == 2028 && i.Month == 12 && i.Status == InvoiceStatus.Draft).Select(i => i.Id).ToListAsync();
        var toCredit = await db.Invoices.Where(i => i.Year == 2028 && i.Month == 11).Select(i => i.Id).ToListAsync();
        Assert.Equal(10, toIssue.Count);
        var siteId = await TestBilling.SiteIdAsync(db, "tanger");
        using var arrived = new CountdownEvent(20);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<string> Together(Func<IServiceProvider, Task<string>> work)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            arrived.Signal();
            await go.Task;
            return await work(scope.ServiceProvider);
        }

        var issuers = toIssue.Select(id => Task.Run(() => Together(async s =>
            (await s.GetRequiredService<Invoicing>().IssueAsync(siteId, december, [id], "test-user", CancellationToken.None)).Single()))).ToList();
        var creditors = toCredit.Select(id => Task.Run(() => Together(async s =>
            (await s.GetRequiredService<Invoicing>().CreditAsync(siteId, id, "Erreur de loyer", "test-user", CancellationToken.None)).Number))).ToList();
        arrived.Wait(TimeSpan.FromSeconds(30));
        go.SetResult();
        var invoiceNumbers = await Task.WhenAll(issuers);
        var noteNumbers = await Task.WhenAll(creditors);

        Assert.Equal(Enumerable.Range(11, 10).Select(n => $"TNG-2029-{n:D6}"), invoiceNumbers.Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"TNG-AV-2029-{n:D6}"), noteNumbers.Order(StringComparer.Ordinal));
        var stored = await db.Invoices.AsNoTracking().Where(i => i.NumberYear == 2029).Select(i => i.Sequence!.Value).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 20), stored.Order());
        Assert.Equal(Enumerable.Range(1, 10), (await db.CreditNotes.AsNoTracking().Where(c => c.NumberYear == 2029).Select(c => c.Sequence).ToListAsync()).Order());
        Assert.Equal([(NumberSeries.CreditNote, 10), (NumberSeries.Invoice, 20)],
            (await db.InvoiceCounters.AsNoTracking().Where(c => c.Year == 2029).ToListAsync()).Select(c => (c.Series, c.LastNumber)).OrderBy(c => c.Series.ToString()));
    }

    [Fact]
    public async Task Issue_CancelledAfterTakingItsNumber_RollsBackAndLeavesNoGap()
    {
        app.Factory.Clock.SetToday(new DateOnly(2030, 1, 3));
        var november = new BillingMonth(2029, 11);
        await using var db = app.Database.CreateContext();
        await StaysAsync(db, "E-Gap", 2, new DateOnly(2029, 11, 1), new DateOnly(2029, 12, 1));
        await TestBilling.RunAsync(app.Factory.Services, "tanger", november);
        var drafts = await db.Invoices.Where(i => i.Year == 2029 && i.Month == 11).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
        var siteId = await TestBilling.SiteIdAsync(db, "tanger");

        // The schema owner holds the audit log: the issue takes its number, then waits to write its audit entry; it is cancelled there.
        await using (var owner = new NpgsqlConnection(app.Database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var hold = await owner.BeginTransactionAsync();
            await using (var lockAudit = new NpgsqlCommand("LOCK TABLE audit_log IN EXCLUSIVE MODE", owner, hold))
            {
                await lockAudit.ExecuteNonQueryAsync();
            }

            using var cancel = new CancellationTokenSource();
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var issue = scope.ServiceProvider.GetRequiredService<Invoicing>().IssueAsync(siteId, november, [drafts[0]], "test-user", cancel.Token);
            await WaitUntilBlockedAsync(owner, hold);
            Assert.True(await HoldsCounterWriteAsync(owner, hold), "the issue waits before taking its number");
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => issue);
            await hold.RollbackAsync();
        }

        Assert.Equal(InvoiceStatus.Draft, await db.Invoices.Where(i => i.Id == drafts[0]).Select(i => i.Status).SingleAsync());
        Assert.Equal(["TNG-2030-000001"], await TestBilling.IssueAsync(app.Factory.Services, "tanger", november, [drafts[1]]));
        Assert.Equal(["TNG-2030-000002"], await TestBilling.IssueAsync(app.Factory.Services, "tanger", november, [drafts[0]]));
    }

    [Fact]
    public async Task Issue_OnTheFirstOfJanuary_StartsTheNewYearsSeriesAtOne()
    {
        var november = new BillingMonth(2027, 11);
        await using var db = app.Database.CreateContext();
        await StaysAsync(db, "E-Year", 2, new DateOnly(2027, 11, 1), new DateOnly(2027, 12, 1));
        app.Factory.Clock.SetToday(new DateOnly(2027, 12, 31));
        await TestBilling.RunAsync(app.Factory.Services, "tanger", november);
        var drafts = await db.Invoices.Where(i => i.Year == 2027 && i.Month == 11).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();

        var december31 = await TestBilling.IssueAsync(app.Factory.Services, "tanger", november, [drafts[0]]);
        app.Factory.Clock.SetToday(new DateOnly(2028, 1, 1));
        var january1 = await TestBilling.IssueAsync(app.Factory.Services, "tanger", november, [drafts[1]]);

        Assert.Equal(["TNG-2027-000001"], december31);
        Assert.Equal(["TNG-2028-000001"], january1);
        var issued = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == drafts[1]);
        Assert.Equal((new DateOnly(2028, 1, 1), new DateOnly(2028, 1, 31), 2028), (issued.IssuedOn!.Value, issued.DueOn!.Value, issued.NumberYear!.Value));
    }

    /// <summary>One company and office per stay, <paramref name="count"/> of them, each held <c>[start, end)</c>.</summary>
    private static async Task StaysAsync(TechnoparkDbContext db, string prefix, int count, DateOnly start, DateOnly end)
    {
        for (var i = 1; i <= count; i++)
        {
            var company = await TestBilling.CompanyAsync(db, "tanger", $"{prefix} {i:D2} SARL");
            await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", $"{prefix}-{i}", 1000m + i), company, start, end);
        }
    }

    private static async Task WaitUntilBlockedAsync(NpgsqlConnection owner, NpgsqlTransaction hold)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE NOT l.granted AND c.relname = 'audit_log'
                """, owner, hold);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The issue never waited for the audit log.");
    }

    /// <summary>Whether a transaction has written the counters table (its numbers taken, not committed).</summary>
    private static async Task<bool> HoldsCounterWriteAsync(NpgsqlConnection owner, NpgsqlTransaction hold)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE l.granted AND c.relname = 'invoice_counters' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()
            """, owner, hold);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
