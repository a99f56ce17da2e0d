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
        builder.HasMany(s => s.Outages).WithOne().HasForeignKey(o => o.SpaceId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Outages).HasField("_outages").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

/// <summary>Periods out of service; <see cref="DbConstraints.SpaceOutageNoOverlap"/> (migration SpaceOutages) keeps those of one space apart.</summary>
internal sealed class SpaceOutageConfiguration : IEntityTypeConfiguration<SpaceOutage>
{
    public void Configure(EntityTypeBuilder<SpaceOutage> builder)
    {
        builder.ToTable(DbConstraints.SpaceOutagesTable, t => t.HasCheckConstraint("ck_space_outages_period", "end_on IS NULL OR end_on > start_on"));
        builder.Property(o => o.Start).HasColumnName("start_on");
        builder.Property(o => o.End).HasColumnName("end_on");
        builder.Ignore(o => o.Period);
        builder.HasIndex(o => o.SpaceId);
    }
}
