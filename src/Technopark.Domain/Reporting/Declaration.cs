using Technopark.Domain.Common;

namespace Technopark.Domain.Reporting;

public enum DeclarationStatus
{
    /// <summary>Declared by a member, not yet checked by the site.</summary>
    Declared,

    /// <summary>Checked by the site's staff (maybe corrected, with a reason).</summary>
    Validated,
}

/// <summary>
/// A company's figures for one period (one declaration per company and period: declaring again replaces the figures and
/// asks for validation again). The site validates it, or corrects it with a reason; the member's own figures are kept
/// beside the ones that count (<see cref="Declared"/>, <see cref="Figures"/>).
/// </summary>
public sealed class Declaration
{
    public const int ReasonMaxLength = 500;

    private Declaration()
    {
        DeclaredBy = string.Empty;
        Declared = Figures = null!;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    public int Year { get; private set; }

    /// <summary>1–4 for a quarter, null for the year.</summary>
    public int? Quarter { get; private set; }

    public ReportingPeriod Period => new(Year, Quarter);

    /// <summary>The figures as the member declared them last.</summary>
    public DeclarationFigures Declared { get; private set; }

    /// <summary>The figures that count: the declared ones, or the site's correction.</summary>
    public DeclarationFigures Figures { get; private set; }

    public DeclarationStatus Status { get; private set; }

    public string DeclaredBy { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }

    public string? ValidatedBy { get; private set; }

    public DateTimeOffset? ValidatedAt { get; private set; }

    /// <summary>Why the site changed the declared figures; null when they count as declared.</summary>
    public string? CorrectionReason { get; private set; }

    public bool IsCorrected => CorrectionReason is not null;

    /// <summary>A first declaration for a period, which must be over on <paramref name="today"/> (no future year or quarter).</summary>
    public static Declaration Create(int companyId, ReportingPeriod period, DeclarationFigures figures, string userId, DateTimeOffset now, DateOnly today)
    {
        Guard.That(companyId > 0, "Company.Required", nameof(CompanyId));
        EnsureEnded(period, today);
        return new Declaration
        {
            CompanyId = companyId,
            Year = period.Year,
            Quarter = period.Quarter,
            Declared = figures,
            Figures = figures,
            Status = DeclarationStatus.Declared,
            DeclaredBy = userId,
            DeclaredAt = now,
        };
    }

    /// <summary>A member declares the period again: the new figures replace the old ones and wait for validation again.</summary>
    public void Replace(DeclarationFigures figures, string userId, DateTimeOffset now)
    {
        Declared = Figures = figures;
        Status = DeclarationStatus.Declared;
        DeclaredBy = userId;
        DeclaredAt = now;
        ValidatedBy = null;
        ValidatedAt = null;
        CorrectionReason = null;
    }

    /// <summary>The site accepts the figures as declared.</summary>
    public void Validate(string userId, DateTimeOffset now)
    {
        Figures = Declared;
        CorrectionReason = null;
        Status = DeclarationStatus.Validated;
        ValidatedBy = userId;
        ValidatedAt = now;
    }

    /// <summary>The site corrects the figures, saying why; the member sees both.</summary>
    public void Correct(DeclarationFigures figures, string? reason, string userId, DateTimeOffset now)
    {
        var why = Guard.Text(reason, ReasonMaxLength, "Declaration.ReasonRequired", nameof(CorrectionReason));
        Figures = figures;
        CorrectionReason = why;
        Status = DeclarationStatus.Validated;
        ValidatedBy = userId;
        ValidatedAt = now;
    }

    public static void EnsureEnded(ReportingPeriod period, DateOnly today) =>
        Guard.That(period.CountsOn(today), "Declaration.PeriodNotEnded", nameof(Year));
}
