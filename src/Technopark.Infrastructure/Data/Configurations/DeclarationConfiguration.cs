using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class DeclarationConfiguration : IEntityTypeConfiguration<Declaration>
{
    public void Configure(EntityTypeBuilder<Declaration> builder)
    {
        builder.ToTable("declarations", table =>
        {
            table.HasCheckConstraint("ck_declarations_quarter", "quarter IS NULL OR quarter BETWEEN 1 AND 4");
            table.HasCheckConstraint("ck_declarations_figures_non_negative",
                "headcount >= 0 AND revenue >= 0 AND funds_grant >= 0 AND funds_loan >= 0 AND funds_equity >= 0 AND funds_prize >= 0");
        });
        builder.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Cascade);
        // One declaration per company and period; a year is quarter NULL (NULLS NOT DISTINCT keeps it to one too).
        builder.HasIndex(d => new { d.CompanyId, d.Year, d.Quarter }).IsUnique().AreNullsDistinct(false);
        builder.Ignore(d => d.Period);
        builder.Ignore(d => d.IsCorrected);
        builder.ComplexProperty(d => d.Figures, Figures(prefix: null));
        builder.ComplexProperty(d => d.Declared, Figures(prefix: "declared_"));
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.DeclaredBy).HasMaxLength(450);
        builder.Property(d => d.ValidatedBy).HasMaxLength(450);
        builder.Property(d => d.CorrectionReason).HasMaxLength(Declaration.ReasonMaxLength);
        builder.Property<uint>("Version").IsRowVersion();
    }

    private static Action<ComplexPropertyBuilder<DeclarationFigures>> Figures(string? prefix) => figures =>
    {
        figures.Ignore(f => f.FundsRaised);
        figures.Property(f => f.Headcount).HasColumnName(prefix + "headcount").HasPrecision(8, DeclarationFigures.HeadcountScale);
        figures.Property(f => f.Revenue).HasColumnName(prefix + "revenue").HasPrecision(DeclarationFigures.AmountPrecision, DeclarationFigures.AmountScale);
        figures.Property(f => f.FundsGrant).HasColumnName(prefix + "funds_grant").HasPrecision(DeclarationFigures.AmountPrecision, DeclarationFigures.AmountScale);
        figures.Property(f => f.FundsLoan).HasColumnName(prefix + "funds_loan").HasPrecision(DeclarationFigures.AmountPrecision, DeclarationFigures.AmountScale);
        figures.Property(f => f.FundsEquity).HasColumnName(prefix + "funds_equity").HasPrecision(DeclarationFigures.AmountPrecision, DeclarationFigures.AmountScale);
        figures.Property(f => f.FundsPrize).HasColumnName(prefix + "funds_prize").HasPrecision(DeclarationFigures.AmountPrecision, DeclarationFigures.AmountScale);
        figures.Property(f => f.StillActive).HasColumnName(prefix + "still_active");
    };
}

internal sealed class ReportingReminderConfiguration : IEntityTypeConfiguration<ReportingReminder>
{
    public void Configure(EntityTypeBuilder<ReportingReminder> builder)
    {
        builder.ToTable("reporting_reminders");
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.CompanyId, r.SentAt });
        builder.Property(r => r.SentBy).HasMaxLength(450);
    }
}
