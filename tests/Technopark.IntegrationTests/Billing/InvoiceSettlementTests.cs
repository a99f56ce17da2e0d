using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Billing;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// The database keeps each issued invoice's settled day (what the aged receivables use to skip invoices settled before the day asked):
/// open until credit notes and payment shares cover it, then the day of the last of them, even when a share is dated before an earlier one;
/// and its first covered day, the earliest of them (what lets the aged receivables skip summing the others); the app's role cannot write it.
/// </summary>
public class InvoiceSettlementTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Now = new(2027, 5, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Settlement_FollowsSharesAndCreditNotes_AndTheAppCannotWriteIt()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 2));
        await using var db = app.Database.CreateContext();
        var payer = await TestBilling.CompanyAsync(db, "tanger", "S-Settle Payer SARL");
        var credited = await TestBilling.CompanyAsync(db, "tanger", "S-Settle Credited SARL");
        await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "S-ST1", 1000m), payer, new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 1));
        await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "S-ST2", 1000m), credited, new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 1));
        await TestBilling.RunAsync(app.Factory.Services, "tanger", new BillingMonth(2027, 3));
        await TestBilling.IssueAsync(app.Factory.Services, "tanger", new BillingMonth(2027, 3));
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Issued).ToDictionaryAsync(i => i.CompanyId);
        var (paid, cancelled) = (invoices[payer], invoices[credited]);
        Assert.Equal((null, null), await DaysAsync(db, paid.Id));

        // 1,000 on 10/05, then the rest recorded later but received on 05/05: settled on 10/05, the later of the two.
        await PayAsync(db, paid, 1000m, new DateOnly(2027, 5, 10));
        Assert.Equal((null, new DateOnly(2027, 5, 10)), await DaysAsync(db, paid.Id));
        await PayAsync(db, paid, paid.TotalInclVat - 1000m, new DateOnly(2027, 5, 5));
        Assert.Equal((new DateOnly(2027, 5, 10), new DateOnly(2027, 5, 5)), await DaysAsync(db, paid.Id));

        db.CreditNotes.Add(CreditNote.For(cancelled, 0m, false, InvoiceNumber.Of(NumberSeries.CreditNote, "TNG", 2027, 1), new DateOnly(2027, 5, 12),
            "Erreur de loyer", "test-user", Now));
        await db.SaveChangesAsync();
        Assert.Equal((new DateOnly(2027, 5, 12), new DateOnly(2027, 5, 12)), await DaysAsync(db, cancelled.Id));

        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE invoice_settlements SET settled_on = NULL", "UPDATE invoice_settlements SET first_covered_on = NULL", "DELETE FROM invoice_settlements",
                     $"INSERT INTO invoice_settlements (invoice_id, site_id) VALUES ({paid.Id}, {paid.SiteId})" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }
    }

    private static async Task PayAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db, Invoice invoice, decimal amount, DateOnly on)
    {
        var paid = await db.PaymentAllocations.Where(a => a.InvoiceId == invoice.Id).SumAsync(a => a.Amount);
        db.Payments.Add(Payment.Record(invoice.SiteId, invoice.CompanyId, on, PaymentMethod.Transfer, null, amount,
            [(new OpenInvoice(invoice.Id, invoice.CompanyId, invoice.TotalInclVat - paid), amount)], new DateOnly(2027, 5, 20), "test-user", Now));
        await db.SaveChangesAsync();
    }

    /// <summary>The invoice's settled day and first covered day.</summary>
    private static async Task<(DateOnly? Settled, DateOnly? FirstCovered)> DaysAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db, long invoiceId)
    {
        var days = await db.InvoiceSettlements.AsNoTracking().Where(s => s.InvoiceId == invoiceId)
            .Select(s => new { s.SettledOn, s.FirstCoveredOn }).SingleAsync();
        return (days.SettledOn, days.FirstCoveredOn);
    }
}
