using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Sites;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Identity;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class SiteStaffConfiguration : IEntityTypeConfiguration<SiteStaff>
{
    public void Configure(EntityTypeBuilder<SiteStaff> builder)
    {
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.UserId, s.SiteId }).IsUnique();
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property<uint>("Version").IsRowVersion();
    }
}
