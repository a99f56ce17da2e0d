using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Space>().WithMany().HasForeignKey(a => a.SpaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.ComplexProperty(a => a.Period, period =>
        {
            period.Property(p => p.Start).HasColumnName("start_on");
            period.Property(p => p.End).HasColumnName("end_on");
            period.Ignore(p => p.LastDay);
            period.Ignore(p => p.IsOpenEnded);
        });
        builder.Property(a => a.MonthlyRent).HasPrecision(12, 2);
        builder.Property(a => a.EndReason).HasConversion<string>().HasMaxLength(20);
        builder.Property<uint>("Version").IsRowVersion();
        builder.HasIndex(a => a.CompanyId);
        builder.HasIndex(a => a.SpaceId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_assignments_period", "end_on IS NULL OR end_on > start_on");
            t.HasCheckConstraint("ck_assignments_seats", "seats >= 1");
        });
    }
}
