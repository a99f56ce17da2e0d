using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

/// <summary>
/// Cancels an issued invoice in full, with its own gapless number and a reason; the site then drafts a corrected invoice
/// (the run bills the credited stays again). Only an invoice with nothing paid on it is credited here: a paid invoice is a
/// refund, which the site settles outside the app. Never changed nor deleted (the database refuses).
/// </summary>
public sealed class CreditNote
{
    public const int ReasonMaxLength = 500;

    private CreditNote()
    {
        Number = Reason = IssuedBy = string.Empty;
    }

    public long Id { get; private set; }

    public int SiteId { get; private set; }

    public int CompanyId { get; private set; }

    public long InvoiceId { get; private set; }

    public string Number { get; private set; }

    public int NumberYear { get; private set; }

    public int Sequence { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public string IssuedBy { get; private set; }

    public string Reason { get; private set; }

    public decimal TotalExclVat { get; private set; }

    public decimal TotalVat { get; private set; }

    public decimal TotalInclVat { get; private set; }

    /// <param name="paid">What payments already cover of the invoice.</param>
    /// <param name="credited">Whether the invoice already has a credit note.</param>
    public static CreditNote For(Invoice invoice, decimal paid, bool credited, InvoiceNumber number, DateOnly issuedOn, string reason, string userId,
        DateTimeOffset now)
    {
        Guard.That(invoice.IsIssued, "Billing.CreditDraft", nameof(InvoiceId));
        Guard.That(!credited, "Billing.AlreadyCredited", nameof(InvoiceId), invoice.Number!);
        Guard.That(paid == 0, "Billing.CreditPaid", nameof(InvoiceId), invoice.Number!);
        Guard.That(issuedOn >= invoice.IssuedOn!.Value, "Billing.CreditBeforeInvoice", nameof(IssuedOn));
        Guard.That(number.Year == issuedOn.Year, "Billing.NumberYearMismatch", nameof(Number));
        return new CreditNote
        {
            SiteId = invoice.SiteId,
            CompanyId = invoice.CompanyId,
            InvoiceId = invoice.Id,
            Number = number.Text,
            NumberYear = number.Year,
            Sequence = number.Sequence,
            IssuedOn = issuedOn,
            IssuedAt = now,
            IssuedBy = userId,
            Reason = Guard.Text(reason, ReasonMaxLength, "Billing.CreditReasonRequired", nameof(Reason)),
            TotalExclVat = invoice.TotalExclVat,
            TotalVat = invoice.TotalVat,
            TotalInclVat = invoice.TotalInclVat,
        };
    }
}
