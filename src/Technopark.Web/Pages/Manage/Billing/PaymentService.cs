using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>An invoice named in a payment form and how much of the payment goes to it (0: nothing, the field was left empty).</summary>
public sealed record PaymentShare(long InvoiceId, decimal Amount);

/// <summary>What a recorded payment covered: the amount received, what went to invoices, what stays as the company's credit.</summary>
public sealed record PaymentRecorded(long PaymentId, decimal Amount, decimal Applied, decimal Credit);

/// <summary>
/// Recording payments and using a company's credit: transaction, row locks (the company, then its invoices by id, as
/// <see cref="Invoicing.CreditAsync"/> locks an invoice: a payment and a credit note never race), open amounts from
/// <see cref="Receivables"/> and the audit trail. The rules are <see cref="Payment"/>'s.
/// </summary>
public sealed class PaymentService(TechnoparkDbContext db, Receivables receivables, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Records a payment of a company of the site. Shares with an amount go to their invoices; when no share has one, the amount goes to
    /// the company's open invoices, oldest due first. What is left is the company's credit. Errors name the field (<c>Shares[i].Amount</c>
    /// for the i-th share); nothing is saved then.
    /// </summary>
    public async Task<PaymentRecorded> RecordAsync(int siteId, int companyId, DateOnly receivedOn, PaymentMethod method, string? reference, decimal amount,
        IReadOnlyList<PaymentShare> shares, string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.LockCompanyOfSiteAsync(siteId, companyId, cancellationToken))
        {
            throw new DomainException("BillingPay.CompanyNotOfSite") { Field = "CompanyId" };
        }

        var today = clock.Today();
        var named = shares.Select((s, i) => (s.InvoiceId, s.Amount, Index: i)).Where(s => s.Amount != 0).ToList();
        IReadOnlyList<(OpenInvoice Invoice, decimal Amount)> allocations;
        if (named.Count == 0)
        {
            var ids = await receivables.OpenOnDay(siteId, today).Where(i => i.CompanyId == companyId).Select(i => i.InvoiceId).ToListAsync(cancellationToken);
            var open = await LockAsync(siteId, ids, today, cancellationToken);
            allocations = Payment.OldestFirst(open.Values.Where(i => i.Status == InvoiceStatus.Issued && i.Credited == 0 && i.CompanyId == companyId)
                .Select(i => (new OpenInvoice(i.Id, i.CompanyId, i.Open), i.DueOn!.Value)), amount);
        }
        else
        {
            var open = await LockAsync(siteId, named.Select(s => s.InvoiceId), today, cancellationToken);
            allocations = [.. named.Select(s => (Share(open, s.InvoiceId, s.Index), s.Amount))];
        }

        Payment payment;
        try
        {
            payment = Payment.Record(siteId, companyId, receivedOn, method, reference, amount, allocations, today, userId, clock.GetUtcNow());
        }
        catch (DomainException e) when (ShareIndex(e, allocations.Count) is { } index)
        {
            // The i-th share recorded is the i-th share of the form that has an amount (or the amount itself when the shares were spread).
            throw new DomainException(e.Code, [.. e.Arguments]) { Field = named.Count == 0 ? "Amount" : $"Shares[{named[index].Index}].Amount" };
        }

        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        var applied = payment.Allocations.Sum(a => a.Amount);
        audit.Record("payment.recorded", nameof(Payment), payment.Id.ToString(CultureInfo.InvariantCulture), siteId, null, new
        {
            payment.CompanyId,
            payment.Amount,
            method = payment.Method.ToString(),
            payment.Reference,
            payment.ReceivedOn,
            shares = payment.Allocations.Select(a => new { a.InvoiceId, a.Amount }),
            credit = payment.Unallocated,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PaymentRecorded(payment.Id, payment.Amount, applied, payment.Unallocated);
    }

    /// <summary>
    /// Uses <paramref name="amount"/> of the company's credit on one of its invoices, dated the site's today: the payments with something
    /// left, oldest first, until the amount is covered. Returns the amount used.
    /// </summary>
    public async Task<decimal> UseCreditAsync(int siteId, int companyId, long invoiceId, decimal amount, string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.LockCompanyOfSiteAsync(siteId, companyId, cancellationToken))
        {
            throw new NotFoundException(ErrorCodes.InvoiceNotFound);
        }

        var today = clock.Today();
        var open = (await LockAsync(siteId, [invoiceId], today, cancellationToken)).GetValueOrDefault(invoiceId);
        if (open is null || open.CompanyId != companyId)
        {
            throw new NotFoundException(ErrorCodes.InvoiceNotFound);
        }

        var invoice = Share(new Dictionary<long, LockedInvoice> { [invoiceId] = open }, invoiceId, null);
        var payments = await db.Payments.Include(p => p.Allocations)
            .Where(p => p.SiteId == siteId && p.CompanyId == companyId && p.ReceivedOn <= today).ToListAsync(cancellationToken);
        var used = Payment.UseCredit(payments, invoice, amount, today);
        audit.Record("payment.credit.used", nameof(Payment), invoiceId.ToString(CultureInfo.InvariantCulture), siteId, null,
            new { companyId, invoiceId, invoice = open.Number, amount, payments = used.Select(a => new { a.PaymentId, a.Amount }) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return amount;
    }

    /// <summary>The company's credit now: what its payments received so far do not cover.</summary>
    public async Task<decimal> CreditAsync(int siteId, int companyId, CancellationToken cancellationToken) =>
        (await receivables.CreditsAsync(siteId, clock.Today(), cancellationToken)).GetValueOrDefault(companyId);

    private sealed record LockedInvoice(long Id, int CompanyId, string? Number, InvoiceStatus Status, DateOnly? DueOn, decimal Credited, decimal Open);

    /// <summary>Locks the site's invoices among <paramref name="ids"/> (by id) and reads what is credited and open on each today.</summary>
    private async Task<Dictionary<long, LockedInvoice>> LockAsync(int siteId, IEnumerable<long> ids, DateOnly today, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().Order().ToArray();
        var rows = await db.Invoices
            .FromSql($"SELECT *, xmin FROM invoices WHERE id = ANY({wanted}) AND site_id = {siteId} ORDER BY id FOR UPDATE")
            .AsNoTracking().Select(i => new { i.Id, i.CompanyId, i.Number, i.Status, i.DueOn }).ToListAsync(cancellationToken);
        var onDay = await receivables.OnDay(siteId, today).Where(i => wanted.Contains(i.InvoiceId))
            .ToDictionaryAsync(i => i.InvoiceId, cancellationToken);
        return rows.ToDictionary(r => r.Id, r => onDay.TryGetValue(r.Id, out var day)
            ? new LockedInvoice(r.Id, r.CompanyId, r.Number, r.Status, r.DueOn, day.Credited, day.Open)
            : new LockedInvoice(r.Id, r.CompanyId, r.Number, r.Status, r.DueOn, 0, 0));
    }

    /// <summary>A named invoice as a payment sees it; one of another site, a draft or a credited one is refused next to its share.</summary>
    private static OpenInvoice Share(IReadOnlyDictionary<long, LockedInvoice> open, long invoiceId, int? index)
    {
        var field = index is { } i ? $"Shares[{i}].Amount" : "Amount";
        var invoice = open.GetValueOrDefault(invoiceId) ?? throw new DomainException(ErrorCodes.InvoiceNotFound) { Field = field };
        return invoice.Status != InvoiceStatus.Issued ? throw new DomainException("BillingPay.ShareDraft") { Field = field }
            : invoice.Credited > 0 ? throw new DomainException("BillingPay.ShareCredited", invoice.Number!) { Field = field }
            : new OpenInvoice(invoice.Id, invoice.CompanyId, invoice.Open);
    }

    /// <summary>The index of the share a broken rule names (<see cref="Payment.ShareField"/>), if any.</summary>
    private static int? ShareIndex(DomainException exception, int shares) =>
        Enumerable.Range(0, shares).Cast<int?>().FirstOrDefault(i => exception.Field == Payment.ShareField(i!.Value));
}
