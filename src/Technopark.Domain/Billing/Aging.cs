namespace Technopark.Domain.Billing;

/// <summary>The columns of an aged receivables report: days past the due date on the day asked.</summary>
public enum AgingBucket
{
    NotDue,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

/// <summary>
/// What is still open on an issued invoice on a day, and how late it is. On day D an invoice issued on or before D is open for
/// its total including VAT, less the credit notes issued on or before D and the payments applied on or before D; it is
/// overdue from the day after its due date.
/// </summary>
public static class Aging
{
    /// <summary>The last day of each overdue bucket but the last (1–30, 31–60, 61–90); the SQL of the report reads them too.</summary>
    public static readonly int[] BucketEnds = [30, 60, 90];

    public static int DaysOverdue(DateOnly dueOn, DateOnly asOf) => Math.Max(0, asOf.DayNumber - dueOn.DayNumber);

    public static AgingBucket BucketOf(DateOnly dueOn, DateOnly asOf) => DaysOverdue(dueOn, asOf) switch
    {
        0 => AgingBucket.NotDue,
        <= 30 => AgingBucket.Days1To30,
        <= 60 => AgingBucket.Days31To60,
        <= 90 => AgingBucket.Days61To90,
        _ => AgingBucket.Over90,
    };

    public static bool IsOverdue(DateOnly dueOn, DateOnly asOf) => asOf > dueOn;

    public static decimal Open(decimal totalInclVat, decimal credited, decimal paid) => totalInclVat - credited - paid;
}

/// <summary>Where an invoice stands on a day, as staff and members see it.</summary>
public enum InvoiceState
{
    Draft,
    Open,
    PartlyPaid,
    Overdue,
    Paid,
    Credited,
}

public static class InvoiceStates
{
    /// <summary>Credited first (a credit note cancels it), then paid in full, then overdue (after the due date), then partly paid or open.</summary>
    public static InvoiceState Of(bool issued, decimal total, decimal credited, decimal paid, DateOnly? dueOn, DateOnly today) =>
        !issued ? InvoiceState.Draft
        : credited > 0 ? InvoiceState.Credited
        : Aging.Open(total, credited, paid) <= 0 ? InvoiceState.Paid
        : dueOn is { } due && Aging.IsOverdue(due, today) ? InvoiceState.Overdue
        : paid > 0 ? InvoiceState.PartlyPaid
        : InvoiceState.Open;
}

/// <summary>
/// When an issued invoice stopped being owed: the day its credit note or its last payment share made it whole (null while something is
/// open), and when something first covered part of it. Written by the database itself (triggers on issue, payment shares and credit notes; the app can only read it), so that the
/// aged receivables of a day read only the invoices still open then instead of every invoice ever issued. It never decides a figure:
/// the open amount on a day is still what <see cref="Aging.Open"/> says of the invoice's total, credit notes and payments.
/// </summary>
public sealed class InvoiceSettlement
{
    private InvoiceSettlement()
    {
    }

    public long InvoiceId { get; private set; }

    public int SiteId { get; private set; }

    /// <summary>The invoice's company, issue and due days and total including VAT, copied at issue (the invoice never changes).</summary>
    public int CompanyId { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public decimal Total { get; private set; }

    public DateOnly? SettledOn { get; private set; }

    /// <summary>
    /// The day of its earliest credit note or payment share (null while it has none): before it, the invoice's whole total was open,
    /// so the aged receivables of a day before it need not sum anything.
    /// </summary>
    public DateOnly? FirstCoveredOn { get; private set; }
}
