using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

/// <summary>
/// One line of an invoice: what it bills, how it was reckoned (quantity × unit price, or a prorated month), and its amounts
/// excluding VAT, of VAT and including VAT, each rounded. Once the invoice is issued the database refuses any change.
/// </summary>
public sealed class InvoiceLine
{
    public const int LabelMaxLength = 200;

    public const int SourceKeyMaxLength = 40;

    public const decimal MaxQuantity = 100_000m;

    private InvoiceLine()
    {
        Label = string.Empty;
    }

    public long Id { get; private set; }

    public long InvoiceId { get; private set; }

    public LineKind Kind { get; private set; }

    /// <summary>What the run computed this line from (<see cref="MonthlyRun.StayKey"/>, <see cref="MonthlyRun.RoomKey"/>); null for a service staff entered.</summary>
    public string? SourceKey { get; private set; }

    /// <summary>The space's code for rent and rooms; the service's description for a service.</summary>
    public string Label { get; private set; }

    public DateOnly? PeriodStart { get; private set; }

    /// <summary>The first day after the period billed (half-open, as every period).</summary>
    public DateOnly? PeriodEnd { get; private set; }

    /// <summary>Days held for rent, hours for rooms, units for a service.</summary>
    public decimal Quantity { get; private set; }

    /// <summary>The monthly rent (per seat for coworking), the hour rate, or the service's unit price, excluding VAT.</summary>
    public decimal UnitPrice { get; private set; }

    /// <summary>Coworking seats held (null for other kinds).</summary>
    public int? Seats { get; private set; }

    public decimal AmountExclVat { get; private set; }

    public decimal VatPercent { get; private set; }

    public decimal VatAmount { get; private set; }

    public decimal AmountInclVat { get; private set; }

    public bool IsService => Kind == LineKind.Service;

    internal static InvoiceLine From(ComputedLine line) => new InvoiceLine { Kind = line.Kind, SourceKey = line.SourceKey }.Set(line);

    internal static InvoiceLine Service(string label, decimal quantity, decimal unitPrice, decimal vatPercent)
    {
        Guard.That(quantity is > 0 and <= MaxQuantity, "Billing.QuantityInvalid", nameof(Quantity), MaxQuantity);
        Guard.That(unitPrice is > 0 and <= Money.MaxAmount, "Billing.UnitPriceInvalid", nameof(UnitPrice));
        Guard.That(quantity == Math.Round(quantity, 2), "Billing.QuantityInvalid", nameof(Quantity), MaxQuantity);
        var amount = Money.Round(quantity * unitPrice);
        Guard.That(amount is > 0 and <= Money.MaxAmount, "Billing.AmountTooLarge", nameof(UnitPrice));
        var line = new InvoiceLine
        {
            Kind = LineKind.Service,
            Label = Guard.Text(label, LabelMaxLength, "Billing.LabelRequired", nameof(Label)),
            Quantity = quantity,
            UnitPrice = Money.Round(unitPrice),
        };
        line.SetAmounts(amount, vatPercent);
        return line;
    }

    /// <summary>Whether the line already says what <paramref name="line"/> computes (a re-run leaves it untouched).</summary>
    internal bool Matches(ComputedLine line) =>
        Label == line.Label && PeriodStart == line.PeriodStart && PeriodEnd == line.PeriodEnd && Quantity == line.Quantity
        && UnitPrice == line.UnitPrice && Seats == line.Seats && AmountExclVat == line.AmountExclVat && VatPercent == line.VatPercent && Kind == line.Kind;

    internal InvoiceLine Set(ComputedLine line)
    {
        Kind = line.Kind;
        Label = line.Label;
        PeriodStart = line.PeriodStart;
        PeriodEnd = line.PeriodEnd;
        Quantity = line.Quantity;
        UnitPrice = line.UnitPrice;
        Seats = line.Seats;
        SetAmounts(line.AmountExclVat, line.VatPercent);
        return this;
    }

    private void SetAmounts(decimal amountExclVat, decimal vatPercent)
    {
        AmountExclVat = Money.Round(amountExclVat);
        VatPercent = vatPercent;
        VatAmount = Money.Vat(AmountExclVat, vatPercent);
        AmountInclVat = AmountExclVat + VatAmount;
    }
}
