using System.Globalization;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;

namespace Technopark.Web.Localization;

/// <summary>How dates, amounts and enum values are shown to people, in the current language.</summary>
public static class Display
{
    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Day(DateOnly? day) => day is { } d ? Day(d) : "—";

    public static string Number(decimal value) =>
        value.ToString(value == decimal.Truncate(value) ? "N0" : "N2", CultureInfo.CurrentCulture);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A rate in percent, to one decimal at most ("59,7", "60").</summary>
    public static string Rate(decimal value) => value.ToString("#,##0.#", CultureInfo.CurrentCulture);

    /// <summary>A rate as "59,7 %" in the current language, or "—" when there is none.</summary>
    public static string Percent(this IStringLocalizer localizer, decimal? rate) => rate is { } r ? localizer["Hq.Percent", Rate(r)] : "—";

    public static string Money(this IStringLocalizer localizer, decimal amount) => localizer["Money.Amount", Number(amount)];

    public static string MonthlyRent(this IStringLocalizer localizer, decimal amount) => localizer["Money.Monthly", Number(amount)];

    /// <summary>The localized name of an enum value: resource key "{Type}.{Value}".</summary>
    public static string Name<TEnum>(this IStringLocalizer localizer, TEnum value)
        where TEnum : struct, Enum => localizer[$"{typeof(TEnum).Name}.{value}"];

    /// <summary>"Choose a date between 01/01/2000 and 31/12/2100" (<see cref="DateRangeLimits"/>).</summary>
    public static string OutOfRange(this IStringLocalizer localizer) =>
        localizer[DateRangeLimits.OutOfRangeCode, Day(DateRangeLimits.Min), Day(DateRangeLimits.Max)];

    /// <summary>The user's-language sentence for a broken business rule, its dates and amounts formatted.</summary>
    public static string Message(this IStringLocalizer localizer, DomainException exception) =>
        localizer[exception.Code, [.. exception.Arguments.Select(Format)]];

    private static object Format(object argument) => argument switch
    {
        DateOnly day => Day(day),
        decimal amount => Number(amount),
        int count => Number(count),
        _ => argument,
    };
}
