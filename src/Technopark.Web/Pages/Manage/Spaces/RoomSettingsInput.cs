using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Rooms;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Spaces;

/// <summary>A weekday's opening hours as typed: two "HH:mm" times, both empty when the room is closed that day.</summary>
public sealed class DayHoursInput
{
    public string? Opens { get; set; }

    public string? Closes { get; set; }
}

/// <summary>The week's opening hours as typed, one pair of times per weekday (form fields <c>Input.Hours.Monday.Opens</c>…).</summary>
public sealed class HoursInput
{
    /// <summary>The weekdays in the order the form shows them, Monday first (as <see cref="WeeklyHours"/> stores them).</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public DayHoursInput Monday { get; set; } = new();

    public DayHoursInput Tuesday { get; set; } = new();

    public DayHoursInput Wednesday { get; set; } = new();

    public DayHoursInput Thursday { get; set; } = new();

    public DayHoursInput Friday { get; set; } = new();

    public DayHoursInput Saturday { get; set; } = new();

    public DayHoursInput Sunday { get; set; } = new();

    public DayHoursInput Of(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };
}

/// <summary>
/// A room's booking settings as the inventory form shows them (the space's edit page, when its kind is a room): equipment,
/// opening hours per weekday, lengths in minutes, the cancellation notice in hours, rates and VAT read by
/// <see cref="NumberInput"/> in the page's language, included hours. <see cref="RoomSettings.Update"/> decides what is valid;
/// the validator only refuses what cannot be read.
/// </summary>
public class RoomSettingsInput
{
    // No defaults here: the binder keeps an initial value when no box is ticked. A new space's form shows the defaults (ShowDefaults).
    public List<RoomEquipment> Equipment { get; set; } = [];

    public HoursInput Hours { get; set; } = new();

    public int MinBookingMinutes { get; set; } = RoomSettings.DefaultMinMinutes;

    public int MaxBookingMinutes { get; set; } = RoomSettings.DefaultMaxMinutes;

    public int BufferMinutes { get; set; } = RoomSettings.DefaultBufferMinutes;

    public decimal? CancellationNoticeHours { get; set; } = RoomSettings.DefaultNoticeMinutes / 60m;

    public string? HourRate { get; set; }

    public string? HalfDayRate { get; set; }

    public string? DayRate { get; set; }

    public string? VatPercent { get; set; }

    public int IncludedHoursPerMonth { get; set; }

    /// <summary>The form field a domain error of <see cref="RoomSettings.Update"/> belongs to (the notice is typed in hours).</summary>
    public static string FieldOf(string? domainField) =>
        domainField == nameof(RoomSettings.CancellationNoticeMinutes) ? nameof(CancellationNoticeHours) : domainField ?? string.Empty;

    /// <summary>Applies the typed settings (read in <paramref name="culture"/>); throws the domain's coded error of the first wrong field.</summary>
    public void ApplyTo(RoomSettings settings, CultureInfo culture)
    {
        var equipment = Equipment.Aggregate(RoomEquipment.None, (all, e) => all | e);
        settings.Update(equipment, ToHours(), MinBookingMinutes, MaxBookingMinutes, BufferMinutes,
            (int)Math.Round((CancellationNoticeHours ?? 0) * 60, MidpointRounding.AwayFromZero),
            Amount(HourRate, culture, RoomSettings.MaxRate), Amount(HalfDayRate, culture, RoomSettings.MaxRate), Amount(DayRate, culture, RoomSettings.MaxRate),
            Amount(VatPercent, culture, RoomSettings.MaxRate), IncludedHoursPerMonth);
    }

    /// <summary>Shows the settings a new room gets (<see cref="RoomSettings.Default"/>).</summary>
    public void ShowDefaults(CultureInfo culture) => Show(RoomSettings.Default(0, Web.Pages.Rooms.CalendarFeeds.NewToken()), culture);

    /// <summary>Shows <paramref name="settings"/> in the form, amounts written the way <paramref name="culture"/> reads them back.</summary>
    public void Show(RoomSettings settings, CultureInfo culture)
    {
        Equipment = [.. RoomEquipments.All.Where(e => settings.Equipment.HasFlag(e))];
        Hours = Fill(new HoursInput(), settings.Hours);
        MinBookingMinutes = settings.MinBookingMinutes;
        MaxBookingMinutes = settings.MaxBookingMinutes;
        BufferMinutes = settings.BufferMinutes;
        CancellationNoticeHours = settings.CancellationNoticeMinutes / 60m;
        HourRate = NumberInput.Format(settings.HourRate, culture, 2);
        HalfDayRate = NumberInput.Format(settings.HalfDayRate, culture, 2);
        DayRate = NumberInput.Format(settings.DayRate, culture, 2);
        VatPercent = NumberInput.Format(settings.VatPercent, culture, 2);
        IncludedHoursPerMonth = settings.IncludedHoursPerMonth;
    }

    /// <summary>The opening hours typed (the validator accepted the times; <see cref="WeeklyHours"/> checks the rest).</summary>
    public WeeklyHours ToHours()
    {
        var minutes = new int[14];
        foreach (var (day, i) in HoursInput.Week.Select((d, i) => (d, i)))
        {
            var typed = Hours.Of(day);
            if (TryWindow(typed.Opens, typed.Closes, out var opens, out var closes) == HoursProblem.None)
            {
                (minutes[2 * i], minutes[2 * i + 1]) = (opens, closes);
            }
        }

        return new WeeklyHours(minutes);
    }

    /// <summary>
    /// Reads a day's window: two empty times are a closed day (0, 0); a closing time of 00:00 or 24:00 is midnight at the
    /// end of the day (1440).
    /// </summary>
    public static HoursProblem TryWindow(string? opensText, string? closesText, out int opens, out int closes)
    {
        opens = closes = 0;
        var noOpening = string.IsNullOrWhiteSpace(opensText);
        var noClosing = string.IsNullOrWhiteSpace(closesText);
        if (noOpening && noClosing)
        {
            return HoursProblem.None;
        }

        if (noOpening || noClosing)
        {
            return HoursProblem.Incomplete;
        }

        if (!TryMinute(opensText!, out opens) || opens == WeeklyHours.MinutesPerDay || !TryMinute(closesText!, out closes))
        {
            return HoursProblem.Unreadable;
        }

        closes = closes == 0 ? WeeklyHours.MinutesPerDay : closes;
        return closes > opens ? HoursProblem.None : HoursProblem.ClosesBeforeOpening;
    }

    /// <summary>"HH:mm" (or "H:mm", "24:00"): minutes since midnight.</summary>
    public static bool TryMinute(string text, out int minute)
    {
        minute = 0;
        var value = text.Trim();
        if (value is "24:00")
        {
            minute = WeeklyHours.MinutesPerDay;
            return true;
        }

        if (!TimeOnly.TryParseExact(value, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        minute = time.Hour * 60 + time.Minute;
        return true;
    }

    /// <summary>A day's window as the CSV and the form write it ("08:00", "24:00"); empty when closed.</summary>
    public static string Clock(int minute) => Booking.Clock(minute);

    private static HoursInput Fill(HoursInput input, WeeklyHours hours)
    {
        foreach (var day in HoursInput.Week)
        {
            var (opens, closes) = hours.On(day);
            var typed = input.Of(day);
            (typed.Opens, typed.Closes) = closes > opens ? (Clock(opens), closes == WeeklyHours.MinutesPerDay ? "00:00" : Clock(closes)) : (null, null);
        }

        return input;
    }

    private static decimal Amount(string? text, CultureInfo culture, decimal max) =>
        NumberInput.TryParse(text, culture, 2, max, out var value) == NumberInputError.None ? value : 0;
}

/// <summary>Why a day's typed opening hours cannot be read.</summary>
public enum HoursProblem
{
    None,
    Incomplete,
    Unreadable,
    ClosesBeforeOpening,
}

/// <summary>Refuses what cannot be read (times, amounts in the page's language); the ranges are <see cref="RoomSettings"/>'s to check.</summary>
public sealed class RoomSettingsValidator : AbstractValidator<RoomSettingsInput>
{
    public RoomSettingsValidator(IStringLocalizer<SharedResource> text)
    {
        RuleFor(x => x.Equipment).Must(e => e.All(Enum.IsDefined)).WithMessage(text["Rooms.Settings.EquipmentInvalid"]);
        RuleFor(x => x.Hours).Custom((hours, context) =>
        {
            foreach (var day in HoursInput.Week)
            {
                var typed = hours.Of(day);
                var problem = RoomSettingsInput.TryWindow(typed.Opens, typed.Closes, out _, out _);
                if (problem != HoursProblem.None)
                {
                    context.AddFailure(new ValidationFailure(WeeklyHours.Field(day), text[$"RoomsAdmin.Hours.{problem}"]) { ErrorCode = $"RoomsAdmin.Hours.{problem}" });
                }
            }
        });
        RuleFor(x => x.CancellationNoticeHours).NotNull().WithMessage(text["Rooms.Settings.NoticeInvalid", RoomSettings.MaxNoticeMinutes / 60]);
        Amount(x => x.HourRate, RoomSettings.MaxRate, text);
        Amount(x => x.HalfDayRate, RoomSettings.MaxRate, text);
        Amount(x => x.DayRate, RoomSettings.MaxRate, text);
        Amount(x => x.VatPercent, RoomSettings.MaxRate, text); // read up to any amount: the domain says the VAT's range
    }

    /// <summary>An amount in the page's language; empty is 0.</summary>
    private void Amount(System.Linq.Expressions.Expression<Func<RoomSettingsInput, string?>> field, decimal max, IStringLocalizer<SharedResource> text) =>
        RuleFor(field).Custom((value, context) =>
        {
            var error = NumberInput.TryParse(value, CultureInfo.CurrentCulture, 2, max, out _);
            if (error is NumberInputError.None or NumberInputError.Required)
            {
                return;
            }

            var code = NumberInput.Code(error);
            context.AddFailure(new ValidationFailure(context.PropertyPath,
                text[code, 2, max.ToString("#,##0", Display.Numbers), NumberInput.Example(CultureInfo.CurrentCulture, 2)]) { ErrorCode = code });
        });
}
