using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Applications;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Identity;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Programme).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Sector).HasMaxLength(Sectors.CodeMaxLength);
        foreach (var name in new[] { nameof(Application.ProjectName), nameof(Application.ContactName), nameof(Application.ContactEmail), nameof(Application.CompanyName) })
        {
            builder.Property(name).HasMaxLength(Application.ShortTextMaxLength);
        }

        foreach (var name in new[] { nameof(Application.Summary), nameof(Application.TargetMarket), nameof(Application.BusinessModel), nameof(Application.DecisionReason) })
        {
            builder.Property(name).HasMaxLength(Application.LongTextMaxLength);
        }

        builder.Property(a => a.ContactPhone).HasMaxLength(Application.PhoneMaxLength);
        builder.Property(a => a.Ice).HasMaxLength(Company.IceLength);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(a => a.IsOpen);
        builder.Ignore(a => a.IsEditable);
        builder.Ignore(a => a.AcceptsReviewers);
        builder.Ignore(a => a.IsUnderReview);
        builder.Ignore(a => a.DocumentBytes);
        builder.HasIndex(a => new { a.SiteId, a.State });
        builder.HasIndex(a => a.ApplicantId);

        // The pipeline's partial block (PipelineFacts): the days of D's 32-day block read from the table, index only.
        builder.HasIndex(a => a.SubmittedAt).HasFilter("state <> 'Draft'").IncludeProperties(a => new { a.SiteId, a.State, a.DecidedAt })
            .HasDatabaseName("ix_applications_pipeline_tail");
        builder.HasMany(a => a.Documents).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Reviews).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Documents).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Reviews).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApplicationDocumentConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> builder)
    {
        builder.ToTable("application_documents");
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.OriginalName).HasMaxLength(ApplicationDocument.NameMaxLength);
        builder.Property(d => d.StoredName).HasMaxLength(100);
        builder.HasIndex(d => d.StoredName).IsUnique();
        builder.Property(d => d.ContentType).HasMaxLength(100);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("reviews");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ApplicationId, r.ReviewerId }).IsUnique();
        builder.Property(r => r.Comment).HasMaxLength(Review.CommentMaxLength);
        builder.Ignore(r => r.IsDone);
        builder.Ignore(r => r.Average);
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> builder)
    {
        builder.ToTable("application_events");
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Note).HasMaxLength(ApplicationEvent.NoteMaxLength);
    }
}
