using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

public enum PaymentMethod
{
    Transfer,
    Cheque,
    Cash,
    Card,
}

/// <summary>An invoice's share of a payment, from the day it applies (the payment's day, or the day a credit was used).</summary>
public sealed class PaymentAllocation
{
    private PaymentAllocation()
    {
    }

    public long Id { get; private set; }

    public long PaymentId { get; private set; }

    public long InvoiceId { get; private set; }

    public decimal Amount { get; private set; }

    public DateOnly AppliedOn { get; private set; }

    internal static PaymentAllocation Create(long invoiceId, decimal amount, DateOnly appliedOn) =>
        new() { InvoiceId = invoiceId, Amount = amount, AppliedOn = appliedOn };
}

/// <summary>What an invoice still lacks, as a payment sees it.</summary>
public sealed record OpenInvoice(long InvoiceId, int CompanyId, decimal Open);

/// <summary>
/// Money received from a company. It covers part of an invoice or several invoices (<see cref="Allocations"/>); what it does
/// not cover is a credit on the company's account, used later on another invoice (<see cref="UseCredit"/>). Payments and their
/// allocations are never changed nor deleted (the database refuses): a mistake is recorded as what it is, never erased.
/// </summary>
public sealed class Payment
{
    public const int ReferenceMaxLength = 100;

    private readonly List<PaymentAllocation> _allocations = [];

    private Payment()
    {
        RecordedBy = string.Empty;
    }

    public long Id { get; private set; }

    public int SiteId { get; private set; }

    public int CompanyId { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    public PaymentMethod Method { get; private set; }

    public string? Reference { get; private set; }

    public decimal Amount { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; }

    public IReadOnlyCollection<PaymentAllocation> Allocations => _allocations;

    /// <summary>What the payment does not cover yet: the company's credit from it.</summary>
    public decimal Unallocated => Amount - _allocations.Sum(a => a.Amount);

    /// <param name="shares">The invoices covered and how much of each (each at most what is open on it, all at most the amount).</param>
    /// <param name="today">The site's day: a payment is not received in the future.</param>
    public static Payment Record(int siteId, int companyId, DateOnly receivedOn, PaymentMethod method, string? reference, decimal amount,
        IReadOnlyCollection<(OpenInvoice Invoice, decimal Amount)> shares, DateOnly today, string userId, DateTimeOffset now)
    {
        Guard.That(Enum.IsDefined(method), "Billing.MethodInvalid", nameof(Method));
        Guard.That(amount > 0 && amount <= Money.MaxAmount && amount == Money.Round(amount), "Billing.PaymentAmountInvalid", nameof(Amount));
        Guard.That(receivedOn <= today, "Billing.PaymentInFuture", nameof(ReceivedOn));
        var payment = new Payment
        {
            SiteId = siteId,
            CompanyId = companyId,
            ReceivedOn = receivedOn,
            Method = method,
            Reference = Guard.OptionalText(reference, ReferenceMaxLength, "Billing.ReferenceTooLong", nameof(Reference)),
            Amount = amount,
            RecordedAt = now,
            RecordedBy = userId,
        };
        foreach (var ((invoice, share), index) in shares.Select((s, i) => (s, i)))
        {
            try
            {
                payment.Allocate(invoice, share, receivedOn);
            }
            catch (DomainException e) when (e.Field == nameof(Allocations))
            {
                throw new DomainException(e.Code, [.. e.Arguments]) { Field = ShareField(index) };
            }
        }

        return payment;
    }

    /// <summary>The field a broken rule of the <paramref name="index"/>-th share names (<c>Allocations[i]</c>).</summary>
    public static string ShareField(int index) => $"{nameof(Allocations)}[{index}]";

    /// <summary>The shares when the payer named no invoice: <paramref name="amount"/> over the open invoices, oldest due date first; the rest is credit.</summary>
    public static IReadOnlyList<(OpenInvoice Invoice, decimal Amount)> OldestFirst(IEnumerable<(OpenInvoice Invoice, DateOnly DueOn)> open, decimal amount)
    {
        var shares = new List<(OpenInvoice, decimal)>();
        var left = amount;
        foreach (var (invoice, _) in open.Where(i => i.Invoice.Open > 0).OrderBy(i => i.DueOn).ThenBy(i => i.Invoice.InvoiceId).TakeWhile(_ => left > 0))
        {
            var take = Math.Min(left, invoice.Open);
            shares.Add((invoice, take));
            left -= take;
        }

        return shares;
    }

    /// <summary>
    /// Uses <paramref name="amount"/> of a company's credit on <paramref name="invoice"/> from <paramref name="on"/>: what is left on its
    /// payments, the oldest first. Returns the allocations added (one per payment drawn on).
    /// </summary>
    public static IReadOnlyList<PaymentAllocation> UseCredit(IEnumerable<Payment> payments, OpenInvoice invoice, decimal amount, DateOnly on)
    {
        var withCredit = payments.Where(p => p.CompanyId == invoice.CompanyId && p.Unallocated > 0 && p.ReceivedOn <= on)
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id).ToList();
        var credit = withCredit.Sum(p => p.Unallocated);
        Guard.That(amount > 0 && amount == Money.Round(amount) && amount <= credit, "Billing.CreditAmountInvalid", "Amount", credit);
        Guard.That(amount <= invoice.Open, "Billing.ShareAboveOpen", "Amount", invoice.Open);
        var used = new List<PaymentAllocation>();
        var left = amount;
        foreach (var payment in withCredit.TakeWhile(_ => left > 0))
        {
            var take = Math.Min(left, payment.Unallocated);
            used.Add(payment.UseCredit(invoice with { Open = invoice.Open - (amount - left) }, take, on));
            left -= take;
        }

        return used;
    }

    /// <summary>Uses what is left of this payment on <paramref name="invoice"/> from <paramref name="on"/>.</summary>
    public PaymentAllocation UseCredit(OpenInvoice invoice, decimal amount, DateOnly on)
    {
        Guard.That(on >= ReceivedOn, "Billing.CreditBeforePayment", nameof(PaymentAllocation.AppliedOn));
        return Allocate(invoice, amount, on);
    }

    private PaymentAllocation Allocate(OpenInvoice invoice, decimal amount, DateOnly on)
    {
        Guard.That(invoice.CompanyId == CompanyId, "Billing.OtherCompany", nameof(Allocations));
        Guard.That(amount > 0 && amount == Money.Round(amount), "Billing.ShareInvalid", nameof(Allocations));
        Guard.That(amount <= invoice.Open, "Billing.ShareAboveOpen", nameof(Allocations), invoice.Open);
        Guard.That(_allocations.All(a => a.InvoiceId != invoice.InvoiceId || a.AppliedOn != on), "Billing.ShareTwice", nameof(Allocations));
        Guard.That(amount <= Unallocated, "Billing.SharesAbovePayment", nameof(Allocations), Unallocated);
        var allocation = PaymentAllocation.Create(invoice.InvoiceId, amount, on);
        _allocations.Add(allocation);
        return allocation;
    }
}
