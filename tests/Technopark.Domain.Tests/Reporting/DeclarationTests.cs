using Technopark.Domain.Common;
using Technopark.Domain.Reporting;

namespace Technopark.Domain.Tests.Reporting;

public class DeclarationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DeclarationFigures Figures = DeclarationFigures.Create(4.5m, 1_234_567.5m, 0, 0, 100_000, 0, true);

    [Fact]
    public void Create_QuarterNotEnded_Throws()
    {
        var refused = Assert.Throws<DomainException>(() => Declaration.Create(1, new ReportingPeriod(2026, 4), Figures, "u", Now, Today));
        Assert.Equal("Declaration.PeriodNotEnded", refused.Code);
    }

    [Fact]
    public void Correct_WithoutReason_ThrowsAndKeepsTheDeclaredFigures()
    {
        var declaration = Declaration.Create(1, new ReportingPeriod(2025), Figures, "u", Now, Today);

        Assert.Equal("Declaration.ReasonRequired", Assert.Throws<DomainException>(() => declaration.Correct(Figures with { Revenue = 1 }, "  ", "m", Now)).Code);
        Assert.Equal(DeclarationStatus.Declared, declaration.Status);
        Assert.Equal(Figures, declaration.Figures);
    }

    [Fact]
    public void Replace_AfterACorrection_WaitsForValidationAgainWithTheNewFigures()
    {
        var declaration = Declaration.Create(1, new ReportingPeriod(2025), Figures, "u", Now, Today);
        declaration.Correct(Figures with { Headcount = 3 }, "Bilan 2025 reçu", "m", Now);
        var again = Figures with { Revenue = 2_000_000 };

        declaration.Replace(again, "u", Now.AddDays(1));

        Assert.Equal((DeclarationStatus.Declared, again, again, false), (declaration.Status, declaration.Declared, declaration.Figures, declaration.IsCorrected));
    }
}
