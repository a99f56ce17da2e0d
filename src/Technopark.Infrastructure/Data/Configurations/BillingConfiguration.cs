using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Billing;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;

namespace Technopark.Infrastructure.Data.Configurations;

internal static class MoneyColumns
{
    public static PropertyBuilder<decimal> IsMoney(this PropertyBuilder<decimal> property) => property.HasPrecision(Money.Precision, Money.Scale);

    public static PropertyBuilder<decimal> IsPercent(this PropertyBuilder<decimal> property) => property.HasPrecision(5, 2);
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable(DbConstraints.InvoicesTable, t =>
        {
            t.HasCheckConstraint("ck_invoices_issued",
                "(status = 'Issued') = (number IS NOT NULL AND sequence IS NOT NULL AND number_year IS NOT NULL AND issued_on IS NOT NULL AND due_on IS NOT NULL AND company_name IS NOT NULL)");
            t.HasCheckConstraint("ck_invoices_month", "month BETWEEN 1 AND 12");
            t.HasCheckConstraint("ck_invoices_totals", "total_incl_vat = total_excl_vat + total_vat");
        });
        builder.HasOne<Site>().WithMany().HasForeignKey(i => i.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.Number).HasMaxLength(InvoiceNumber.MaxLength);
        builder.Property(i => i.IssuedBy).HasMaxLength(450);
        builder.Property(i => i.CompanyName).HasMaxLength(Company.NameMaxLength);
        builder.Property(i => i.CompanyIce).HasMaxLength(Company.IceLength);
        builder.Property(i => i.CompanyAddress).HasMaxLength(Company.AddressMaxLength);
        builder.Property(i => i.TotalExclVat).IsMoney();
        builder.Property(i => i.TotalVat).IsMoney();
        builder.Property(i => i.TotalInclVat).IsMoney();
        builder.Property(i => i.Version).IsRowVersion();
        builder.Ignore(i => i.BillingMonth);
        builder.Ignore(i => i.IsIssued);
        builder.Ignore(i => i.IsEmpty);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(i => new { i.SiteId, i.NumberYear, i.Sequence }).IsUnique().HasFilter("sequence IS NOT NULL");
        builder.HasIndex(i => i.Number).IsUnique().HasFilter("number IS NOT NULL");
        // One draft per company and month: the run updates it rather than drafting a second one.
        builder.HasIndex(i => new { i.CompanyId, i.Year, i.Month }).IsUnique().HasFilter("status = 'Draft'").HasDatabaseName("ux_invoices_one_draft");
        builder.HasIndex(i => new { i.SiteId, i.Year, i.Month });
        builder.HasIndex(i => new { i.SiteId, i.IssuedOn }).HasFilter("status = 'Issued'");
        builder.HasIndex(i => new { i.CompanyId, i.IssuedOn });
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.ToTable(DbConstraints.InvoiceLinesTable, t =>
            t.HasCheckConstraint("ck_invoice_lines_amounts", "amount_incl_vat = amount_excl_vat + vat_amount AND amount_excl_vat >= 0"));
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.SourceKey).HasMaxLength(InvoiceLine.SourceKeyMaxLength);
        builder.Property(l => l.Label).HasMaxLength(InvoiceLine.LabelMaxLength);
        builder.Property(l => l.Quantity).HasPrecision(12, 2);
        builder.Property(l => l.UnitPrice).IsMoney();
        builder.Property(l => l.AmountExclVat).IsMoney();
        builder.Property(l => l.VatPercent).IsPercent();
        builder.Property(l => l.VatAmount).IsMoney();
        builder.Property(l => l.AmountInclVat).IsMoney();
        builder.Ignore(l => l.IsService);
        builder.HasIndex(l => new { l.InvoiceId, l.SourceKey }).IsUnique().HasFilter("source_key IS NOT NULL");
    }
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.ToTable(DbConstraints.CreditNotesTable);
        builder.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Number).HasMaxLength(InvoiceNumber.MaxLength);
        builder.Property(c => c.IssuedBy).HasMaxLength(450);
        builder.Property(c => c.Reason).HasMaxLength(CreditNote.ReasonMaxLength);
        builder.Property(c => c.TotalExclVat).IsMoney();
        builder.Property(c => c.TotalVat).IsMoney();
        builder.Property(c => c.TotalInclVat).IsMoney();
        builder.HasIndex(c => c.InvoiceId).IsUnique();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.SiteId, c.NumberYear, c.Sequence }).IsUnique();
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable(DbConstraints.PaymentsTable, t => t.HasCheckConstraint("ck_payments_amount", "amount > 0"));
        builder.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.RecordedBy).HasMaxLength(450);
        builder.Property(p => p.Amount).IsMoney();
        builder.Ignore(p => p.Unallocated);
        builder.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Allocations).HasField("_allocations").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(p => new { p.SiteId, p.ReceivedOn });
        builder.HasIndex(p => new { p.CompanyId, p.ReceivedOn });
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> builder)
    {
        builder.ToTable(DbConstraints.PaymentAllocationsTable, t => t.HasCheckConstraint("ck_payment_allocations_amount", "amount > 0"));
        builder.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Amount).IsMoney();
        builder.HasIndex(a => new { a.InvoiceId, a.AppliedOn }).IncludeProperties(a => a.Amount);
    }
}

internal sealed class BillingReminderConfiguration : IEntityTypeConfiguration<BillingReminder>
{
    public void Configure(EntityTypeBuilder<BillingReminder> builder)
    {
        builder.ToTable("billing_reminders");
        builder.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.SentBy).HasMaxLength(450);
        builder.Property(r => r.OverdueAmount).IsMoney();
        builder.HasIndex(r => new { r.CompanyId, r.SentAt });
    }
}

internal sealed class InvoiceCounterConfiguration : IEntityTypeConfiguration<InvoiceCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceCounter> builder)
    {
        builder.ToTable(DbConstraints.InvoiceCountersTable, t => t.HasCheckConstraint("ck_invoice_counters_last", $"last_number BETWEEN 0 AND {InvoiceNumber.MaxSequence}"));
        builder.HasKey(c => new { c.SiteId, c.Year, c.Series });
        builder.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Series).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class InvoiceSettlementConfiguration : IEntityTypeConfiguration<InvoiceSettlement>
{
    public void Configure(EntityTypeBuilder<InvoiceSettlement> builder)
    {
        builder.ToTable(DbConstraints.InvoiceSettlementsTable);
        builder.HasKey(s => s.InvoiceId);
        builder.Property(s => s.InvoiceId).ValueGeneratedNever();
        builder.HasOne<Invoice>().WithOne().HasForeignKey<InvoiceSettlement>(s => s.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        // The open ones of a site, and those settled after a day: what the aged receivables of that day read.
        builder.Property(s => s.Total).IsMoney();
        builder.HasIndex(s => s.SiteId).HasFilter("settled_on IS NULL").HasDatabaseName("ix_invoice_settlements_open");
        builder.HasIndex(s => s.SettledOn);
    }
}
