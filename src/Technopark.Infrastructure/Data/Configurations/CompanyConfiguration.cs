using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.LegalName).HasMaxLength(Company.NameMaxLength);
        builder.Property(c => c.ArabicName).HasMaxLength(Company.NameMaxLength);
        builder.Property(c => c.Ice).HasMaxLength(Company.IceLength).IsFixedLength();
        builder.HasIndex(c => c.Ice).IsUnique().HasFilter("ice IS NOT NULL");
        builder.Property(c => c.Form).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Sector).HasMaxLength(Sectors.CodeMaxLength);
        builder.Property(c => c.Website).HasMaxLength(Company.WebsiteMaxLength);
        builder.Property(c => c.CalendarToken).HasMaxLength(Technopark.Domain.Rooms.RoomSettings.FeedTokenLength);
        builder.HasIndex(c => c.CalendarToken).IsUnique();
        builder.Property(c => c.Pitch).HasMaxLength(Company.PitchMaxLength);
        builder.Property(c => c.BillingAddress).HasMaxLength(Company.AddressMaxLength);
        builder.HasIndex(c => c.SiteId).HasFilter("listed_in_directory").HasDatabaseName("ix_companies_directory");
        builder.Property(c => c.ExitReason).HasConversion<string>().HasMaxLength(20);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(c => c.HasLeft);
    }
}
