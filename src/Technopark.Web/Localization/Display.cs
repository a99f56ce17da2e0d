using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;

namespace Technopark.Web.Localization;

/// <summary>
/// How dates, numbers, amounts and enum values are shown to people, in the current language: one method
/// per kind of number, used by every page (CSV exports keep their own French format, <c>CsvExport</c>).
/// <list type="bullet">
/// <item>Count: a whole number, grouped ("2 027", "2,027").</item>
/// <item>Mean: an average of counts, one decimal ("34,6").</item>
/// <item>Rate: a percentage, always one decimal ("62,5 %", "62.5%", "62,5%").</item>
/// <item>Money: MAD with two decimals ("5 600,00 MAD", "MAD 5,600.00", "5 600,00 درهم").</item>
/// <item>Area: m², at most two decimals ("2 027 m²", "24,5 m²").</item>
/// <item>Days: a duration in days, one decimal ("1,5 j", "1.5 d").</item>
/// <item>Of: "36 sur 60", "36 of 60", "36 من 60".</item>
/// <item>Missing: a figure that cannot be computed yet reads "n.d." with an explanation in its title.</item>
/// </list>
/// Morocco writes Western digits (0–9) in Arabic too: Arabic uses them with a decimal comma and a narrow
/// no-break space between thousands, as French does, instead of .NET's Arabic separators (U+066B, U+066C).
/// The no-break spaces also keep "2 027" in one piece in right-to-left text (they are number separators
/// for the bidirectional algorithm, a plain space is not).
/// </summary>
public static class Display
{
    private const string GroupSpace = "\u202F";

    private static readonly NumberFormatInfo French = Symbols(",", GroupSpace);
    private static readonly NumberFormatInfo English = Symbols(".", ",");
    private static readonly NumberFormatInfo Arabic = Symbols(",", GroupSpace);

    /// <summary>Rates written once (<see cref="Rate(IStringLocalizer, decimal?)"/>) per percent format and number symbols, by tenths of a percent.</summary>
    private static readonly ConcurrentDictionary<(string Format, NumberFormatInfo Numbers), IHtmlContent?[]> RateTexts = new();

    /// <summary>The number symbols of the current language (digits are always 0–9).</summary>
    public static NumberFormatInfo Numbers => NumbersOf(CultureInfo.CurrentCulture);

    public static NumberFormatInfo NumbersOf(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "en" => English,
        "ar" => Arabic,
        _ => French,
    };

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Day(DateOnly? day) => day is { } d ? Day(d) : "—";

    /// <summary>A day as URLs, date inputs and <c>data-*</c> attributes carry it: yyyy-MM-dd, whatever the page's language.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day or none (null: Razor then leaves the attribute out).</summary>
    public static string? Iso(DateOnly? day) => day is { } d ? Iso(d) : null;

    /// <summary>An instant as a date and an hour in Morocco (Africa/Casablanca), "dd/MM/yyyy HH:mm", whatever the server's zone.</summary>
    public static string Moment(DateTimeOffset instant) =>
        Infrastructure.NetworkClock.InMorocco(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The wall-clock time an instant shows in Morocco, "HH:mm" (a booking's start or end), whatever the server's zone.</summary>
    public static string Clock(DateTimeOffset instant) =>
        Domain.Common.SiteTime.Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A whole number of things (companies, offices, seats), grouped by thousands.</summary>
    public static string Count(int value) => value.ToString("N0", Numbers);

    /// <summary>A whole number of things held in a decimal (KPI numerators, headcounts).</summary>
    public static string Count(decimal value) => value.ToString("N0", Numbers);

    /// <summary>Full-time equivalents (headcounts and their sums), one decimal: "12,5".</summary>
    public static string Fte(decimal value) => value.ToString("N1", Numbers);

    /// <summary>An average of counts (e.g. the mean number of residents), one decimal.</summary>
    public static string Mean(decimal value) => value.ToString("N1", Numbers);

    /// <summary>A percentage, always with one decimal: "62,5 %", "60,0 %".</summary>
    public static string Rate(this IStringLocalizer localizer, decimal percent) =>
        localizer["Number.Percent", percent.ToString("N1", Numbers)];

    /// <summary>A percentage, or the "not available" mark when there is nothing to divide by (<see cref="RateWriter"/>).</summary>
    public static IHtmlContent Rate(this IStringLocalizer localizer, decimal? percent) => localizer.Rates().Of(percent);

    /// <summary>
    /// What writes a page's rates: the language's kept texts and its "not available" mark looked up once, then each rate an index
    /// (the trend writes 2,000 a page).
    /// </summary>
    public static RateWriter Rates(this IStringLocalizer localizer) =>
        new(localizer, RateTexts.GetOrAdd((localizer["Number.Percent"].Value, Numbers), _ => new IHtmlContent[1001]));

    /// <summary>
    /// Percentages of one page. The rates of 0,0 to 100,0 % are written once per language and kept (1,001 per language), each
    /// other one (out of range, or with more than one decimal) written when asked.
    /// </summary>
    public sealed class RateWriter(IStringLocalizer localizer, IHtmlContent?[] texts)
    {
        private IHtmlContent? _missing;

        public IHtmlContent Of(decimal? percent)
        {
            if (percent is not { } p)
            {
                return _missing ??= localizer.Missing();
            }

            var tenths = p * 10;
            if (p < 0 || p > 100 || tenths != decimal.Truncate(tenths))
            {
                return Text(localizer.Rate(p));
            }

            return texts[(int)tenths] ??= new KeptText(localizer.Rate(p)); // two requests may write the same text: either is kept
        }
    }

    /// <summary>An amount in MAD with two decimals.</summary>
    public static string Money(this IStringLocalizer localizer, decimal amount) =>
        localizer["Money.Amount", amount.ToString("N2", Numbers)];

    /// <summary>A monthly rent in MAD with two decimals.</summary>
    public static string MonthlyRent(this IStringLocalizer localizer, decimal amount) =>
        localizer["Money.Monthly", amount.ToString("N2", Numbers)];

    /// <summary>A floor area in m², at most two decimals.</summary>
    public static string Area(this IStringLocalizer localizer, decimal squareMeters) =>
        localizer["Number.Area", squareMeters.ToString("#,##0.##", Numbers)];

    /// <summary>A duration in days, one decimal: "1,5 j".</summary>
    public static string Days(this IStringLocalizer localizer, decimal days) =>
        localizer["Number.Days", days.ToString("N1", Numbers)];

    /// <summary>A duration in days, or the "not available" mark.</summary>
    public static IHtmlContent Days(this IStringLocalizer localizer, decimal? days) =>
        days is { } d ? Text(localizer.Days(d)) : localizer.Missing();

    /// <summary>"36 sur 60": a part of a whole, both already formatted.</summary>
    public static string Of(this IStringLocalizer localizer, string part, string whole) => localizer["Number.Of", part, whole];

    /// <summary>"36 sur 60" for two counts.</summary>
    public static string Of(this IStringLocalizer localizer, int part, int whole) => localizer.Of(Count(part), Count(whole));

    /// <summary>A count, or the "not available" mark.</summary>
    public static IHtmlContent Count(this IStringLocalizer localizer, int? value) =>
        value is { } v ? Text(Count(v)) : localizer.Missing();

    /// <summary>Full-time equivalents, or the "not available" mark.</summary>
    public static IHtmlContent Fte(this IStringLocalizer localizer, decimal? value) =>
        value is { } v ? Text(Fte(v)) : localizer.Missing();

    /// <summary>An amount in MAD, or the "not available" mark.</summary>
    public static IHtmlContent Money(this IStringLocalizer localizer, decimal? amount) =>
        amount is { } a ? Text(localizer.Money(a)) : localizer.Missing();

    /// <summary>A figure that cannot be given (no cohort yet, nothing to divide by): "n.d." with its explanation as a title.</summary>
    public static IHtmlContent Missing(this IStringLocalizer localizer) => new MissingMark(localizer["Number.Missing.Title"], localizer["Number.Missing"]);

    /// <summary>The localized name of an enum value: resource key "{Type}.{Value}".</summary>
    public static string Name<TEnum>(this IStringLocalizer localizer, TEnum value)
        where TEnum : struct, Enum => localizer[$"{typeof(TEnum).Name}.{value}"];

    /// <summary>"Choose a date between 01/01/2000 and 31/12/2100" (<see cref="DateRangeLimits"/>).</summary>
    public static string OutOfRange(this IStringLocalizer localizer) =>
        localizer[DateRangeLimits.OutOfRangeCode, Day(DateRangeLimits.Min), Day(DateRangeLimits.Max)];

    /// <summary>The user's-language sentence for a broken business rule, its dates, amounts and enum values (by their names) formatted.</summary>
    public static string Message(this IStringLocalizer localizer, DomainException exception) =>
        localizer[exception.Code, [.. exception.Arguments.Select(a => a is Enum value ? localizer[$"{value.GetType().Name}.{value}"].Value : Format(a))]];

    private static object Format(object argument) => argument switch
    {
        DateOnly day => Day(day),
        decimal amount => amount.ToString("#,##0.##", Numbers),
        int count => Count(count),
        _ => argument,
    };

    /// <summary>Text written HTML-encoded, as Razor writes a string (immutable: one instance may be written by many pages).</summary>
    private static EncodedText Text(string text) => new(text);

    /// <summary>
    /// The "not available" mark, written the same each time it is written: not a content container, which Razor empties as it
    /// moves it into the page (a <see cref="RateWriter"/> writes its one mark in many cells).
    /// </summary>
    private sealed class MissingMark(string title, string text) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            writer.Write("<span class=\"no-value\" title=\"");
            encoder.Encode(writer, title);
            writer.Write("\">");
            encoder.Encode(writer, text);
            writer.Write("</span>");
        }
    }

    private sealed class EncodedText(string text) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => encoder.Encode(writer, text);
    }

    /// <summary>
    /// A text kept for many pages (<see cref="RateWriter"/>): encoded once by the encoder it is written with (the app's, always the
    /// same one), then written as it is (the trend writes 2,000 a page).
    /// </summary>
    private sealed class KeptText(string text) : IHtmlContent
    {
        private Encoded? _encoded;

        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var encoded = _encoded;
            if (encoded is null || !ReferenceEquals(encoded.Encoder, encoder))
            {
                _encoded = encoded = new Encoded(encoder, encoder.Encode(text)); // two pages may encode it at once: either is kept
            }

            writer.Write(encoded.Text);
        }

        private sealed record Encoded(HtmlEncoder Encoder, string Text);
    }

    private static NumberFormatInfo Symbols(string decimalSeparator, string groupSeparator)
    {
        var symbols = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        symbols.NumberDecimalSeparator = symbols.PercentDecimalSeparator = symbols.CurrencyDecimalSeparator = decimalSeparator;
        symbols.NumberGroupSeparator = symbols.PercentGroupSeparator = symbols.CurrencyGroupSeparator = groupSeparator;
        symbols.NegativeSign = "-";
        return NumberFormatInfo.ReadOnly(symbols);
    }
}
