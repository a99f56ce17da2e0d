using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Domain.Nomads;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("events", t =>
        {
            t.HasCheckConstraint("ck_events_capacity", $"capacity BETWEEN 1 AND {Event.MaxCapacity}");
            t.HasCheckConstraint("ck_events_period", "ends_at > starts_at AND registration_deadline <= starts_at");
        });
        builder.HasOne<Site>().WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Space>().WithMany().HasForeignKey(e => e.SpaceId).OnDelete(DeleteBehavior.Restrict);
        // No event without its room: a booking, one event per booking (its live state is kept by a trigger, see the migration).
        builder.HasOne<Booking>().WithOne().HasForeignKey<Event>(e => e.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.BookingId).IsUnique();
        builder.Property(e => e.Title).HasMaxLength(Event.TitleMaxLength);
        builder.Property(e => e.Description).HasMaxLength(Event.DescriptionMaxLength);
        builder.Property(e => e.Partners).HasMaxLength(Event.PartnersMaxLength);
        builder.Property(e => e.Language).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.CreatedBy).HasMaxLength(450);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(e => e.IsCancelled);
        builder.HasIndex(e => new { e.SiteId, e.StartsAt });
        builder.HasIndex(e => e.StartsAt);
    }
}

internal sealed class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> builder)
    {
        builder.ToTable("event_registrations", t =>
        {
            t.HasCheckConstraint("ck_event_registrations_child",
                $"(child_age IS NULL OR child_age BETWEEN {Event.ChildMinAge} AND {Event.ChildMaxAge}) AND ((child_age IS NULL) = (child_first_name IS NULL))");
            t.HasCheckConstraint("ck_event_registrations_check_in", "checked_in_at IS NULL OR state = 'Confirmed'");
        });
        builder.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Email).HasMaxLength(EmailAddress.MaxLength);
        builder.Property(r => r.Name).HasMaxLength(EventRegistration.NameMaxLength);
        builder.Property(r => r.ChildFirstName).HasMaxLength(EventRegistration.ChildNameMaxLength);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.CheckedInBy).HasMaxLength(450);
        builder.Property(r => r.TokenHash).HasMaxLength(EventRegistration.TokenHashLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(r => r.IsLive);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        // One live registration per address and event.
        builder.HasIndex(r => new { r.EventId, r.Email }).IsUnique().HasFilter("state <> 'Cancelled'");
        builder.HasIndex(r => new { r.EventId, r.State });
    }
}

internal sealed class CoworkingPassConfiguration : IEntityTypeConfiguration<CoworkingPass>
{
    public void Configure(EntityTypeBuilder<CoworkingPass> builder)
    {
        builder.ToTable("coworking_passes", t =>
        {
            t.HasCheckConstraint("ck_coworking_passes_period", "end_on > start_on");
            t.HasCheckConstraint("ck_coworking_passes_price", "price >= 0 AND (NOT granted OR price = 0)");
        });
        builder.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Space>().WithMany().HasForeignKey(p => p.SpaceId).OnDelete(DeleteBehavior.Restrict);
        builder.ComplexProperty(p => p.Period, period =>
        {
            period.Property(p => p.Start).HasColumnName("start_on");
            period.Property(p => p.End).HasColumnName("end_on").IsRequired();
            period.Ignore(p => p.LastDay);
            period.Ignore(p => p.IsOpenEnded);
        });
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.HolderName).HasMaxLength(CoworkingPass.NameMaxLength);
        builder.Property(p => p.Email).HasMaxLength(EmailAddress.MaxLength);
        builder.Property(p => p.Nationality).HasMaxLength(CoworkingPass.NationalityMaxLength);
        builder.Property(p => p.Price).HasPrecision(Domain.Billing.Money.Precision, Domain.Billing.Money.Scale);
        builder.Property(p => p.CreatedBy).HasMaxLength(450);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(p => p.IsCancelled);
        builder.HasIndex(p => new { p.SiteId, p.SpaceId });
    }
}
