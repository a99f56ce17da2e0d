using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// Issuing drafts, crediting invoices and the services staff add to drafts: transaction, row locks, numbers from the site's
/// counter row and the audit trail. The rules are the entities' (<see cref="Invoice"/>, <see cref="CreditNote"/>).
/// </summary>
public sealed class Invoicing(TechnoparkDbContext db, BillingPolicy policy, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Issues the site's drafts of <paramref name="month"/> (only <paramref name="invoiceIds"/> when given) on the site's today, numbered
    /// in the order of the companies' names. Returns the numbers given, in order. Drafts with nothing to bill are left as they are.
    /// </summary>
    public async Task<IReadOnlyList<string>> IssueAsync(int siteId, BillingMonth month, IReadOnlyCollection<long>? invoiceIds, string userId,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The site's run lock too: a run reading the issued sources before this commits and the drafts after would draft them again.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM sites WHERE id = {siteId} FOR UPDATE", cancellationToken);
        var drafts = await db.Invoices
            .FromSql($"""
                SELECT *, xmin FROM invoices
                WHERE site_id = {siteId} AND year = {month.Year} AND month = {month.Month} AND status = 'Draft'
                ORDER BY id FOR UPDATE
                """)
            .Include(i => i.Lines)
            .ToListAsync(cancellationToken);
        drafts = [.. drafts.Where(d => (invoiceIds is null || invoiceIds.Contains(d.Id)) && d.TotalInclVat > 0)];
        if (drafts.Count == 0)
        {
            return [];
        }

        var companyIds = drafts.Select(d => d.CompanyId).ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.LegalName, c.Ice, c.BillingAddress }, cancellationToken);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var first = await TakeNumbersAsync(siteId, today.Year, NumberSeries.Invoice, drafts.Count, cancellationToken);
        var code = await SiteCodeAsync(siteId, cancellationToken);
        var numbers = new List<string>();
        foreach (var (draft, i) in drafts.OrderBy(d => companies[d.CompanyId].LegalName, StringComparer.Ordinal).ThenBy(d => d.Id).Select((d, i) => (d, i)))
        {
            var company = companies[draft.CompanyId];
            draft.Issue(InvoiceNumber.Of(NumberSeries.Invoice, code, today.Year, first + i), today, policy, company.LegalName, company.Ice,
                company.BillingAddress, userId, now);
            audit.Record("invoice.issued", nameof(Invoice), draft.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), siteId, null,
                new { draft.Number, draft.CompanyId, month = month.ToString(), draft.TotalExclVat, draft.TotalVat, draft.TotalInclVat, draft.DueOn });
            numbers.Add(draft.Number!);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return numbers;
    }

    /// <summary>Cancels an issued invoice of the site with a credit note (its own series), dated the site's today.</summary>
    public async Task<CreditNote> CreditAsync(int siteId, long invoiceId, string reason, string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locks the invoice (a read lock: the row itself never changes) so that one invoice gets one credit note and no payment meanwhile.
        var invoice = (await db.Invoices.FromSql($"SELECT *, xmin FROM invoices WHERE id = {invoiceId} AND site_id = {siteId} FOR UPDATE")
            .AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault() ?? throw new NotFoundException(ErrorCodes.InvoiceNotFound);
        var paid = await db.PaymentAllocations.Where(a => a.InvoiceId == invoiceId).SumAsync(a => a.Amount, cancellationToken);
        var credited = await db.CreditNotes.AnyAsync(c => c.InvoiceId == invoiceId, cancellationToken);
        var today = clock.Today();
        var number = InvoiceNumber.Of(NumberSeries.CreditNote, await SiteCodeAsync(siteId, cancellationToken), today.Year,
            await TakeNumbersAsync(siteId, today.Year, NumberSeries.CreditNote, 1, cancellationToken));
        var note = CreditNote.For(invoice, paid, credited, number, today, reason, userId, clock.GetUtcNow());
        db.CreditNotes.Add(note);
        audit.Record("creditnote.issued", nameof(CreditNote), note.Number, siteId, null,
            new { note.Number, invoice = invoice.Number, note.CompanyId, note.Reason, note.TotalInclVat });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return note;
    }

    /// <summary>Adds a one-off service to the company's draft of the month (drafting it when there is none).</summary>
    public async Task<Invoice> AddServiceAsync(int siteId, int companyId, BillingMonth month, string label, decimal quantity, decimal unitPrice,
        CancellationToken cancellationToken)
    {
        EnsureFound(await db.Companies.AnyAsync(c => c.Id == companyId && c.SiteId == siteId, cancellationToken));
        var draft = await db.Invoices.Include(i => i.Lines)
            .SingleOrDefaultAsync(i => i.CompanyId == companyId && i.SiteId == siteId && i.Year == month.Year && i.Month == month.Month
                && i.Status == InvoiceStatus.Draft, cancellationToken);
        if (draft is null)
        {
            draft = Invoice.Draft(siteId, companyId, month);
            db.Invoices.Add(draft);
        }

        var line = draft.AddService(label, quantity, unitPrice, policy);
        audit.Record("invoice.service.added", nameof(Invoice), companyId, siteId, null,
            new { month = month.ToString(), line.Label, line.Quantity, line.UnitPrice, line.AmountExclVat });
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    /// <summary>Removes a service from a draft of the site (removing the draft when nothing is left on it).</summary>
    public async Task RemoveServiceAsync(int siteId, long invoiceId, long lineId, CancellationToken cancellationToken)
    {
        var draft = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == invoiceId && i.SiteId == siteId, cancellationToken)
            ?? throw new NotFoundException(ErrorCodes.InvoiceNotFound);
        var line = draft.Lines.FirstOrDefault(l => l.Id == lineId);
        draft.RemoveService(lineId);
        audit.Record("invoice.service.removed", nameof(Invoice), draft.CompanyId, siteId, new { line?.Label, line?.AmountExclVat }, null);
        if (draft.IsEmpty)
        {
            db.Invoices.Remove(draft);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="count"/> numbers of the site's series for the year from its counter row, inside the caller's transaction: the
    /// row stays locked until commit (a second issuer waits) and a rollback gives the numbers back. Returns the first one.
    /// </summary>
    private async Task<int> TakeNumbersAsync(int siteId, int year, NumberSeries series, int count, CancellationToken cancellationToken)
    {
        var name = series.ToString();
        var last = (await db.Database.SqlQuery<int>($"""
            INSERT INTO invoice_counters (site_id, year, series, last_number) VALUES ({siteId}, {year}, {name}, {count})
            ON CONFLICT (site_id, year, series) DO UPDATE SET last_number = invoice_counters.last_number + {count}
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        return last - count + 1;
    }

    private Task<string> SiteCodeAsync(int siteId, CancellationToken cancellationToken) =>
        db.Sites.Where(s => s.Id == siteId).Select(s => s.BillingCode).SingleAsync(cancellationToken);

    /// <summary>A company of another site is not found here (404), like another site's invoice.</summary>
    private static void EnsureFound(bool found)
    {
        if (!found)
        {
            throw new NotFoundException(ErrorCodes.InvoiceNotFound);
        }
    }
}
