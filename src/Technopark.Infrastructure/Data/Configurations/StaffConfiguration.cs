using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Auditing;
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

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(a => a.EntityType).HasMaxLength(AuditEntry.EntityMaxLength);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.UserEmail).HasMaxLength(256);
        builder.Property(a => a.Before).HasColumnType("jsonb");
        builder.Property(a => a.After).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => new { a.SiteId, a.At });
    }
}
