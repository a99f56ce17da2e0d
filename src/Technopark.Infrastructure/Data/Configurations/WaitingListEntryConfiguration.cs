using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.WaitingList;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class WaitingListEntryConfiguration : IEntityTypeConfiguration<WaitingListEntry>
{
    public void Configure(EntityTypeBuilder<WaitingListEntry> builder)
    {
        builder.ToTable("waiting_list");
        builder.HasOne<Site>().WithMany().HasForeignKey(w => w.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(w => w.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Technopark.Domain.Applications.Application>().WithMany().HasForeignKey(w => w.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(w => w.WantedKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.RemovalReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Note).HasMaxLength(WaitingListEntry.NoteMaxLength);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(w => w.IsOpen);
        builder.HasIndex(w => new { w.SiteId, w.Priority, w.Since }).HasFilter("removed_on IS NULL").HasDatabaseName("ix_waiting_list_open");
    }
}
