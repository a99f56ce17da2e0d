using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Companies;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class RoomSettingsConfiguration : IEntityTypeConfiguration<RoomSettings>
{
    public void Configure(EntityTypeBuilder<RoomSettings> builder)
    {
        builder.ToTable("room_settings", t =>
        {
            t.HasCheckConstraint("ck_room_settings_hours", "cardinality(opening_minutes) = 14");
            t.HasCheckConstraint("ck_room_settings_lengths",
                $"min_booking_minutes >= {Booking.Granularity} AND max_booking_minutes >= min_booking_minutes AND max_booking_minutes <= {Booking.MaxMinutes}");
            t.HasCheckConstraint("ck_room_settings_buffer", $"buffer_minutes BETWEEN 0 AND {RoomSettings.MaxBufferMinutes}");
            t.HasCheckConstraint("ck_room_settings_included", $"included_hours_per_month BETWEEN 0 AND {RoomSettings.MaxIncludedHoursPerMonth}");
        });
        builder.HasKey(r => r.SpaceId);
        builder.HasOne<Space>().WithOne().HasForeignKey<RoomSettings>(r => r.SpaceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Equipment).HasConversion<int>();
        builder.Property(r => r.HourRate).HasPrecision(12, 2);
        builder.Property(r => r.HalfDayRate).HasPrecision(12, 2);
        builder.Property(r => r.DayRate).HasPrecision(12, 2);
        builder.Property(r => r.VatPercent).HasPrecision(5, 2);
        builder.Property(r => r.FeedToken).HasMaxLength(RoomSettings.FeedTokenLength);
        builder.HasIndex(r => r.FeedToken).IsUnique();
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(r => r.Hours);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("room_bookings", t =>
        {
            t.HasCheckConstraint("ck_room_bookings_period", "ends_at > starts_at AND blocked_until >= ends_at");
            t.HasCheckConstraint("ck_room_bookings_party",
                "(party_kind = 'Company') = (company_id IS NOT NULL) AND (party_kind = 'External') = (external_name IS NOT NULL)");
            t.HasCheckConstraint("ck_room_bookings_attendees", "attendees >= 1");
        });
        builder.HasOne<Site>().WithMany().HasForeignKey(b => b.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Space>().WithMany().HasForeignKey(b => b.SpaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Company>().WithMany().HasForeignKey(b => b.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.Start).HasColumnName("starts_at");
        builder.Property(b => b.End).HasColumnName("ends_at");
        builder.Property(b => b.PartyKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Title).HasMaxLength(Booking.TitleMaxLength);
        builder.Property(b => b.ExternalName).HasMaxLength(BookingParty.NameMaxLength);
        builder.Property(b => b.ExternalContact).HasMaxLength(BookingParty.ContactMaxLength);
        builder.Property(b => b.ExternalIce).HasMaxLength(Company.IceLength);
        builder.Property(b => b.BookedBy).HasMaxLength(450);
        builder.Property(b => b.CancelledBy).HasMaxLength(450);
        builder.Property<uint>("Version").IsRowVersion();
        builder.Ignore(b => b.IsCancelled);
        builder.Ignore(b => b.Minutes);
        builder.Ignore(b => b.CountsAgainstQuota);
        builder.Ignore(b => b.Party);
        builder.HasIndex(b => new { b.SiteId, b.Start });
        builder.HasIndex(b => new { b.CompanyId, b.Start }).HasFilter("company_id IS NOT NULL");
        builder.HasIndex(b => b.SeriesId).HasFilter("series_id IS NOT NULL");
    }
}
