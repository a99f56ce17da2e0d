using Technopark.Domain.Common;

namespace Technopark.Domain.Reporting;

/// <summary>
/// What a company declares for a period: headcount in full-time equivalents (one decimal), revenue and funds raised in
/// MAD by source, and whether it is still active. Every amount is zero or more, within the limits below.
/// </summary>
public sealed record DeclarationFigures(
    decimal Headcount, decimal Revenue, decimal FundsGrant, decimal FundsLoan, decimal FundsEquity, decimal FundsPrize, bool StillActive)
{
    public const decimal MaxHeadcount = 100_000m;
    public const int HeadcountScale = 1;
    public const decimal MaxAmount = 100_000_000_000m; // 100 bn MAD: past any company of the network
    public const int AmountPrecision = 16;
    public const int AmountScale = 2;

    public decimal FundsRaised => FundsGrant + FundsLoan + FundsEquity + FundsPrize;

    /// <summary>The figures checked: each within its bounds, headcount with at most one decimal, amounts with at most two.</summary>
    public static DeclarationFigures Create(decimal headcount, decimal revenue, decimal fundsGrant, decimal fundsLoan, decimal fundsEquity, decimal fundsPrize, bool stillActive)
    {
        Guard.That(headcount >= 0 && headcount <= MaxHeadcount && decimal.Round(headcount, HeadcountScale) == headcount,
            "Declaration.HeadcountInvalid", nameof(Headcount), MaxHeadcount);
        Amount(revenue, nameof(Revenue));
        Amount(fundsGrant, nameof(FundsGrant));
        Amount(fundsLoan, nameof(FundsLoan));
        Amount(fundsEquity, nameof(FundsEquity));
        Amount(fundsPrize, nameof(FundsPrize));
        return new DeclarationFigures(headcount, revenue, fundsGrant, fundsLoan, fundsEquity, fundsPrize, stillActive);
    }

    private static void Amount(decimal value, string field) =>
        Guard.That(value >= 0 && value <= MaxAmount && decimal.Round(value, AmountScale) == value, "Declaration.AmountInvalid", field, MaxAmount);
}
