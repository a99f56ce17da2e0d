using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Programmes;
using Technopark.Domain.Sites;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.ToTable("programmes", t =>
            t.HasCheckConstraint("ck_programmes_duration", $"duration_months BETWEEN {Programme.MinMonths} AND {Programme.MaxMonths}"));
        builder.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Name).HasMaxLength(Programme.NameMaxLength);
        builder.Property(p => p.Services).HasMaxLength(Programme.ServicesMaxLength);
        builder.HasMany(p => p.Milestones).WithOne().HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Milestones).HasField("_milestones").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property<uint>("Version").IsRowVersion();
        builder.HasIndex(p => new { p.SiteId, p.Name }).IsUnique();
    }
}

internal sealed class ProgrammeMilestoneConfiguration : IEntityTypeConfiguration<ProgrammeMilestone>
{
    public void Configure(EntityTypeBuilder<ProgrammeMilestone> builder)
    {
        builder.ToTable("programme_milestones");
        builder.Property(m => m.Name).HasMaxLength(ProgrammeMilestone.NameMaxLength);
        builder.HasIndex(m => new { m.ProgrammeId, m.Position });
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.ToTable("enrolments", t => t.HasCheckConstraint("ck_enrolments_period", "end_on IS NULL OR end_on > start_on"));
        builder.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Programme>().WithMany().HasForeignKey(e => e.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.CoachUserId).HasMaxLength(450);
        builder.ComplexProperty(e => e.Period, period =>
        {
            period.Property(p => p.Start).HasColumnName("start_on");
            period.Property(p => p.End).HasColumnName("end_on");
            period.Ignore(p => p.LastDay);
            period.Ignore(p => p.IsOpenEnded);
        });
        builder.Property<uint>("Version").IsRowVersion();
        builder.HasIndex(e => e.CompanyId);
        builder.HasIndex(e => e.CoachUserId).HasFilter("coach_user_id IS NOT NULL");
        builder.HasIndex(e => new { e.SiteId, e.ProgrammeId });
    }
}

internal sealed class ReachedMilestoneConfiguration : IEntityTypeConfiguration<ReachedMilestone>
{
    public void Configure(EntityTypeBuilder<ReachedMilestone> builder)
    {
        builder.ToTable("reached_milestones");
        builder.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProgrammeMilestone>().WithMany().HasForeignKey(r => r.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Evidence).HasMaxLength(ReachedMilestone.EvidenceMaxLength);
        builder.Property(r => r.RecordedBy).HasMaxLength(450);
        builder.HasIndex(r => new { r.EnrolmentId, r.MilestoneId }).IsUnique();
        builder.HasIndex(r => r.CompanyId);
    }
}

internal sealed class CoachingSessionConfiguration : IEntityTypeConfiguration<CoachingSession>
{
    public void Configure(EntityTypeBuilder<CoachingSession> builder)
    {
        builder.ToTable("coaching_sessions", t =>
            t.HasCheckConstraint("ck_coaching_sessions_minutes", $"minutes BETWEEN {CoachingSession.MinMinutes} AND {CoachingSession.MaxMinutes}"));
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrolment>().WithMany().HasForeignKey(s => s.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.CoachUserId).HasMaxLength(450);
        builder.Property(s => s.Topics).HasMaxLength(CoachingSession.TopicsMaxLength);
        builder.Property(s => s.Decisions).HasMaxLength(CoachingSession.NotesMaxLength);
        builder.Property(s => s.NextSteps).HasMaxLength(CoachingSession.NotesMaxLength);
        builder.HasIndex(s => new { s.CompanyId, s.HeldOn });
        builder.HasIndex(s => new { s.SiteId, s.HeldOn });
    }
}

internal sealed class CoachingAttachmentConfiguration : IEntityTypeConfiguration<CoachingAttachment>
{
    public void Configure(EntityTypeBuilder<CoachingAttachment> builder)
    {
        builder.ToTable("coaching_attachments");
        builder.HasOne<CoachingSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.OriginalName).HasMaxLength(CoachingAttachment.NameMaxLength);
        builder.Property(a => a.StoredName).HasMaxLength(100);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.UploadedBy).HasMaxLength(450);
        builder.HasIndex(a => a.SessionId);
    }
}

internal sealed class SessionRequestConfiguration : IEntityTypeConfiguration<SessionRequest>
{
    public void Configure(EntityTypeBuilder<SessionRequest> builder)
    {
        builder.ToTable("session_requests", t => t.HasCheckConstraint("ck_session_requests_slots", $"cardinality(slots) <= {SessionRequest.MaxSlots}"));
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.RequestedBy).HasMaxLength(450);
        builder.Property(r => r.AnsweredBy).HasMaxLength(450);
        builder.Property(r => r.Message).HasMaxLength(SessionRequest.MessageMaxLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(r => r.Slots);
        builder.PrimitiveCollection<List<DateTimeOffset>>("_slots").HasColumnName("slots");
        builder.Property<uint>("Version").IsRowVersion();
        builder.HasIndex(r => new { r.CompanyId, r.State });
    }
}
