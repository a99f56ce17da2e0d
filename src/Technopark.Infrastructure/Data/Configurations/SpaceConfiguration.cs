using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class SpaceConfiguration : IEntityTypeConfiguration<Space>
{
    public void Configure(EntityTypeBuilder<Space> builder)
    {
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.SiteId, s.Code }).IsUnique();
        builder.Property(s => s.Code).HasMaxLength(Space.CodeMaxLength);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.AreaSquareMeters).HasPrecision(8, 2);
        builder.Property(s => s.MonthlyRate).HasPrecision(12, 2);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(s => s.IsAssignable);
        builder.Ignore(s => s.IsExclusive);
        builder.ToTable(t => t.HasCheckConstraint("ck_spaces_seats_positive", "seats >= 1"));
    }
}
