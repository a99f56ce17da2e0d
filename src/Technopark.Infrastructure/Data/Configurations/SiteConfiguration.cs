using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Sites;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(Site.SlugMaxLength);
        builder.Property(s => s.Name).HasMaxLength(Site.NameMaxLength);
        builder.Property(s => s.City).HasMaxLength(Site.NameMaxLength);
        builder.Property(s => s.Region).HasMaxLength(Site.RegionMaxLength);
        builder.Property(s => s.NameEn).HasMaxLength(Site.NameMaxLength);
        builder.Property(s => s.NameAr).HasMaxLength(Site.NameMaxLength);
        builder.Property(s => s.Address).HasMaxLength(Site.AddressMaxLength);
        builder.Property(s => s.BillingCode).HasMaxLength(Site.BillingCodeLength).IsFixedLength();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.FloorAreaSquareMeters).HasPrecision(10, Site.FloorAreaScale);
        builder.Ignore(s => s.AcceptsApplications);
        builder.Ignore(s => s.OpeningIso);
        builder.Ignore(s => s.NextStatuses);
    }
}

internal sealed class SitePhotoConfiguration : IEntityTypeConfiguration<SitePhoto>
{
    public void Configure(EntityTypeBuilder<SitePhoto> builder)
    {
        builder.ToTable("site_photos");
        builder.HasKey(p => p.SiteId);
        builder.HasOne<Site>().WithOne().HasForeignKey<SitePhoto>(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.ContentType).HasMaxLength(SitePhoto.ContentTypeMaxLength);
    }
}
