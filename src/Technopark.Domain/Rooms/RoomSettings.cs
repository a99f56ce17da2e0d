using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Rooms;

/// <summary>
/// What makes a meeting, training or conference room bookable: equipment, opening hours, booking length, the cleaning
/// buffer kept free after each booking, the cancellation notice, rates for external organisations (MAD excluding VAT,
/// with the VAT rate noted) and the hours included each month for each resident company. Its capacity is the space's
/// seats. One row per room space; staff edit it with the space in the inventory.
/// </summary>
public sealed class RoomSettings
{
    public const int MaxBufferMinutes = 120;
    public const int MaxNoticeMinutes = 7 * 24 * 60;
    public const int MaxIncludedHoursPerMonth = 200;
    public const decimal MaxRate = 1_000_000m;
    public const decimal MaxVatPercent = 30m;
    public const int FeedTokenLength = 32;

    /// <summary>The defaults of a new room: weekdays 08:00–19:00, 30 min to 8 h, 15 min buffer, 2 h notice, VAT 20 %.</summary>
    public const int DefaultOpens = 8 * 60, DefaultCloses = 19 * 60, DefaultMinMinutes = 30, DefaultMaxMinutes = 8 * 60,
        DefaultBufferMinutes = 15, DefaultNoticeMinutes = 120;

    public const decimal DefaultVatPercent = 20m;

    private RoomSettings()
    {
        OpeningMinutes = [];
        FeedToken = string.Empty;
    }

    public int SpaceId { get; private set; }

    public RoomEquipment Equipment { get; private set; }

    /// <summary>The opening hours as stored (see <see cref="WeeklyHours"/>).</summary>
    public int[] OpeningMinutes { get; private set; }

    public WeeklyHours Hours => new(OpeningMinutes);

    public int MinBookingMinutes { get; private set; }

    public int MaxBookingMinutes { get; private set; }

    /// <summary>Minutes kept free after every booking (cleaning, setting up); part of the database's overlap check.</summary>
    public int BufferMinutes { get; private set; }

    /// <summary>A booking cancelled later than this many minutes before its start is a late cancellation.</summary>
    public int CancellationNoticeMinutes { get; private set; }

    public decimal HourRate { get; private set; }

    public decimal HalfDayRate { get; private set; }

    public decimal DayRate { get; private set; }

    /// <summary>The VAT rate the rates are subject to (they are excluding VAT), in percent.</summary>
    public decimal VatPercent { get; private set; }

    /// <summary>Hours of this room each resident company may book each calendar month without being billed.</summary>
    public int IncludedHoursPerMonth { get; private set; }

    /// <summary>The secret of the room's iCalendar feed URL; regenerating it revokes the old URL.</summary>
    public string FeedToken { get; private set; }

    /// <summary>Only meeting, training and conference rooms are booked by the hour.</summary>
    public static bool IsRoom(SpaceKind kind) => kind is SpaceKind.MeetingRoom or SpaceKind.TrainingRoom or SpaceKind.ConferenceRoom;

    public static RoomSettings Default(int spaceId, string feedToken)
    {
        var settings = new RoomSettings { SpaceId = spaceId };
        settings.Update(RoomEquipment.Screen | RoomEquipment.Whiteboard, WeeklyHours.Weekdays(DefaultOpens, DefaultCloses), DefaultMinMinutes,
            DefaultMaxMinutes, DefaultBufferMinutes, DefaultNoticeMinutes, 0, 0, 0, DefaultVatPercent, 0);
        settings.RegenerateFeedToken(feedToken);
        return settings;
    }

    public void Update(RoomEquipment equipment, WeeklyHours hours, int minBookingMinutes, int maxBookingMinutes, int bufferMinutes,
        int cancellationNoticeMinutes, decimal hourRate, decimal halfDayRate, decimal dayRate, decimal vatPercent, int includedHoursPerMonth)
    {
        Guard.That((equipment & ~RoomEquipments.Any) == 0, "Rooms.Settings.EquipmentInvalid", nameof(Equipment));
        Guard.That(minBookingMinutes >= Booking.Granularity && minBookingMinutes % Booking.Granularity == 0,
            "Rooms.Settings.MinInvalid", nameof(MinBookingMinutes), Booking.Granularity);
        Guard.That(maxBookingMinutes >= minBookingMinutes && maxBookingMinutes <= Booking.MaxMinutes && maxBookingMinutes % Booking.Granularity == 0,
            "Rooms.Settings.MaxInvalid", nameof(MaxBookingMinutes), Booking.MaxMinutes / 60);
        Guard.That(bufferMinutes is >= 0 and <= MaxBufferMinutes && bufferMinutes % Booking.Granularity == 0,
            "Rooms.Settings.BufferInvalid", nameof(BufferMinutes), MaxBufferMinutes);
        Guard.That(cancellationNoticeMinutes is >= 0 and <= MaxNoticeMinutes, "Rooms.Settings.NoticeInvalid", nameof(CancellationNoticeMinutes),
            MaxNoticeMinutes / 60);
        Guard.That(hourRate is >= 0 and <= MaxRate, "Rooms.Settings.RateInvalid", nameof(HourRate));
        Guard.That(halfDayRate is >= 0 and <= MaxRate, "Rooms.Settings.RateInvalid", nameof(HalfDayRate));
        Guard.That(dayRate is >= 0 and <= MaxRate, "Rooms.Settings.RateInvalid", nameof(DayRate));
        Guard.That(vatPercent is >= 0 and <= MaxVatPercent, "Rooms.Settings.VatInvalid", nameof(VatPercent), MaxVatPercent);
        Guard.That(includedHoursPerMonth is >= 0 and <= MaxIncludedHoursPerMonth, "Rooms.Settings.IncludedInvalid", nameof(IncludedHoursPerMonth),
            MaxIncludedHoursPerMonth);
        Equipment = equipment;
        OpeningMinutes = hours.ToArray();
        MinBookingMinutes = minBookingMinutes;
        MaxBookingMinutes = maxBookingMinutes;
        BufferMinutes = bufferMinutes;
        CancellationNoticeMinutes = cancellationNoticeMinutes;
        HourRate = decimal.Round(hourRate, 2, MidpointRounding.AwayFromZero);
        HalfDayRate = decimal.Round(halfDayRate, 2, MidpointRounding.AwayFromZero);
        DayRate = decimal.Round(dayRate, 2, MidpointRounding.AwayFromZero);
        VatPercent = decimal.Round(vatPercent, 2, MidpointRounding.AwayFromZero);
        IncludedHoursPerMonth = includedHoursPerMonth;
    }

    /// <summary>A new secret for the feed URL (<paramref name="token"/>: random, URL-safe, made by the caller).</summary>
    public void RegenerateFeedToken(string token)
    {
        Guard.That(token.Length == FeedTokenLength, "Rooms.Settings.TokenInvalid", nameof(FeedToken));
        FeedToken = token;
    }
}
