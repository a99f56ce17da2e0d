using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Auditing;

namespace Technopark.Infrastructure.Data.Configurations;

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
        // The trail is read newest first, a page at a time by keyset (at, id): one index per filter that narrows it most.
        builder.HasIndex(a => new { a.At, a.Id });
        builder.HasIndex(a => new { a.SiteId, a.At, a.Id });
        builder.HasIndex(a => new { a.UserId, a.At, a.Id });
        builder.HasIndex(a => new { a.EntityType, a.At, a.Id });
        builder.HasIndex(a => new { a.Action, a.At, a.Id });
    }
}
