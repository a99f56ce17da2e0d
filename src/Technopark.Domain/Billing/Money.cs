namespace Technopark.Domain.Billing;

/// <summary>
/// Amounts are <c>decimal</c> MAD with 2 decimals, rounded per line, half away from zero (DESIGN.md "Money"). Every rounding of
/// an amount goes through <see cref="Round"/>; the database columns read <see cref="Precision"/> and <see cref="Scale"/>.
/// </summary>
public static class Money
{
    public const int Precision = 14;

    public const int Scale = 2;

    /// <summary>The largest amount one line, invoice or payment may carry.</summary>
    public const decimal MaxAmount = 100_000_000m;

    public static decimal Round(decimal amount) => Math.Round(amount, Scale, MidpointRounding.AwayFromZero);

    /// <summary>The VAT of an amount excluding VAT at <paramref name="percent"/>, rounded.</summary>
    public static decimal Vat(decimal amountExclVat, decimal percent) => Round(amountExclVat * percent / 100m);
}
