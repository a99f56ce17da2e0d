using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

/// <summary>The terms the site's invoices follow: days to pay and the VAT rate of each kind of line (from configuration).</summary>
public sealed record BillingPolicy
{
    public const int DefaultDueDays = 30;

    public const int MaxDueDays = 180;

    public const decimal DefaultVatPercent = 20m;

    public const decimal MaxVatPercent = 30m;

    public BillingPolicy(int dueDays, IReadOnlyDictionary<LineKind, decimal> vatPercent)
    {
        Guard.That(dueDays is >= 0 and <= MaxDueDays, "Billing.DueDaysInvalid", nameof(DueDays), MaxDueDays);
        foreach (var kind in Enum.GetValues<LineKind>())
        {
            Guard.That(vatPercent.TryGetValue(kind, out var percent) && percent is >= 0 and <= MaxVatPercent, "Billing.VatInvalid", nameof(vatPercent), kind);
        }

        DueDays = dueDays;
        VatPercent = vatPercent;
    }

    public int DueDays { get; }

    public IReadOnlyDictionary<LineKind, decimal> VatPercent { get; }

    public static BillingPolicy Default { get; } = new(DefaultDueDays, Enum.GetValues<LineKind>().ToDictionary(k => k, _ => DefaultVatPercent));

    public decimal VatFor(LineKind kind) => VatPercent[kind];

    public DateOnly DueOn(DateOnly issuedOn) => issuedOn.AddDays(DueDays);
}
