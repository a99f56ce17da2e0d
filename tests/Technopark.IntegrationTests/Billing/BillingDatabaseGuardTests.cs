using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Billing;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// What the database guards, bypassing the app: as the app's role and as the schema owner, an issued invoice and its lines cannot be
/// changed, deleted or added to; credit notes, payments, allocations and reminders cannot be changed or deleted; no billing table can be
/// truncated. Drafts stay editable.
/// </summary>
public class BillingDatabaseGuardTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task BypassingTheApp_IssuedInvoicesAndAppendOnlyRowsAreRefused_DraftsStayEditable()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 2));
        await using var db = app.Database.CreateContext();
        var paidCompany = await TestBilling.CompanyAsync(db, "tanger", "E-Guard Paid SARL");
        var creditedCompany = await TestBilling.CompanyAsync(db, "tanger", "E-Guard Credited SARL");
        await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-GD1", 2000m), paidCompany, new DateOnly(2027, 2, 1), new DateOnly(2027, 4, 1));
        await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "E-GD2", 2000m), creditedCompany, new DateOnly(2027, 2, 1), new DateOnly(2027, 3, 1));
        await TestBilling.RunAsync(app.Factory.Services, "tanger", new BillingMonth(2027, 2));
        await TestBilling.RunAsync(app.Factory.Services, "tanger", new BillingMonth(2027, 3));
        await TestBilling.IssueAsync(app.Factory.Services, "tanger", new BillingMonth(2027, 2));
        var invoices = await db.Invoices.AsNoTracking().ToListAsync();
        var paid = invoices.Single(i => i.CompanyId == paidCompany && i.IsIssued);
        var credited = invoices.Single(i => i.CompanyId == creditedCompany && i.IsIssued);
        var draft = invoices.Single(i => !i.IsIssued);
        var siteId = paid.SiteId;
        var now = new DateTimeOffset(2027, 4, 2, 9, 0, 0, TimeSpan.Zero);
        var payment = Payment.Record(siteId, paidCompany, new DateOnly(2027, 4, 2), PaymentMethod.Transfer, "VIR-E", 1000m,
            [(new OpenInvoice(paid.Id, paidCompany, paid.TotalInclVat), 1000m)], new DateOnly(2027, 4, 2), "test-user", now);
        db.Payments.Add(payment);
        db.CreditNotes.Add(CreditNote.For(credited, 0m, false, InvoiceNumber.Of(NumberSeries.CreditNote, "TNG", 2027, 1), new DateOnly(2027, 4, 2), "Erreur", "test-user", now));
        db.BillingReminders.Add(BillingReminder.Create(siteId, paidCompany, 1, 100m, "test-user", now));
        await db.SaveChangesAsync();

        string[] refused =
        [
            $"UPDATE invoices SET total_vat = 0 WHERE id = {paid.Id}",
            $"UPDATE invoices SET status = 'Draft' WHERE id = {paid.Id}",
            $"DELETE FROM invoices WHERE id = {paid.Id}",
            $"UPDATE invoice_lines SET amount_excl_vat = 1 WHERE invoice_id = {paid.Id}",
            $"DELETE FROM invoice_lines WHERE invoice_id = {paid.Id}",
            $"INSERT INTO invoice_lines (invoice_id, kind, label, quantity, unit_price, amount_excl_vat, vat_percent, vat_amount, amount_incl_vat) "
                + $"SELECT {paid.Id}, kind, label, quantity, unit_price, amount_excl_vat, vat_percent, vat_amount, amount_incl_vat FROM invoice_lines WHERE invoice_id = {paid.Id}",
            $"UPDATE invoice_lines SET invoice_id = {paid.Id} WHERE invoice_id = {draft.Id}",
            "UPDATE payments SET amount = amount + 1",
            "DELETE FROM payments",
            "UPDATE payment_allocations SET amount = 1",
            "DELETE FROM payment_allocations",
            "UPDATE credit_notes SET reason = 'Effacé'",
            "DELETE FROM credit_notes",
            "UPDATE billing_reminders SET overdue_amount = 0",
            "DELETE FROM billing_reminders",
            "TRUNCATE invoices CASCADE",
            "TRUNCATE invoice_lines",
            "TRUNCATE credit_notes CASCADE",
            "TRUNCATE payments CASCADE",
            "TRUNCATE payment_allocations",
            "TRUNCATE billing_reminders",
            "TRUNCATE invoice_counters",
            "TRUNCATE companies CASCADE",
        ];
        var accepted = new List<string>();
        foreach (var (role, connection) in new[] { ("app", app.Database.AppConnectionString), ("owner", app.Database.OwnerConnectionString) })
        {
            foreach (var sql in refused)
            {
                try
                {
                    await ExecuteAsync(connection, sql);
                    accepted.Add($"{role}: {sql}");
                }
                catch (PostgresException)
                {
                }
            }
        }

        Assert.Empty(accepted);
        Assert.Equal((1, 1, 1, 1), (await db.Payments.CountAsync(), await db.PaymentAllocations.CountAsync(), await db.CreditNotes.CountAsync(),
            await db.BillingReminders.CountAsync()));
        Assert.Equal(2, await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Issued));
        // A draft is the app's to change and delete.
        Assert.Equal(1, await ExecuteAsync(app.Database.AppConnectionString, $"UPDATE invoices SET total_vat = total_vat WHERE id = {draft.Id}"));
        Assert.Equal(1, await ExecuteAsync(app.Database.AppConnectionString, $"UPDATE invoice_lines SET label = 'E-GD1' WHERE invoice_id = {draft.Id}"));
        Assert.Equal(1, await ExecuteAsync(app.Database.AppConnectionString, $"DELETE FROM invoice_lines WHERE invoice_id = {draft.Id}"));
        Assert.Equal(1, await ExecuteAsync(app.Database.AppConnectionString, $"DELETE FROM invoices WHERE id = {draft.Id}"));
    }

    private static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
