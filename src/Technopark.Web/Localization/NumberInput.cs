using System.Globalization;
using System.Text.RegularExpressions;

namespace Technopark.Web.Localization;

/// <summary>Why a typed number was refused; the resource key of its message is <see cref="NumberInput.Code"/>.</summary>
public enum NumberInputError
{
    None,
    Required,
    Invalid,
    Ambiguous,
    Negative,
    TooManyDecimals,
    TooLarge,
}

/// <summary>
/// Reads an amount or a headcount typed by a person, in the page's language: the one parser of every amount field.
/// <list type="bullet">
/// <item>French and Arabic (Western digits): decimal comma ("1 234 567,50"); thousands grouped by spaces, no-break or
/// narrow no-break spaces; a dot is read as the decimal mark too when it cannot be a thousands mark ("1234.50"; "1.234"
/// is ambiguous, "1.234.567" is refused).</item>
/// <item>English: decimal dot, thousands commas ("1,234,567.50") or spaces.</item>
/// </list>
/// Groups must be of three digits; letters, signs, two decimal marks, more decimals than <c>scale</c> or more than
/// <c>max</c> are refused with a coded reason, never guessed.
/// </summary>
public static partial class NumberInput
{
    private const string Spaces = " \u00A0\u202F";

    /// <summary>The resource key of the message for <paramref name="error"/>, e.g. "Reporting.Number.Invalid".</summary>
    public static string Code(NumberInputError error) => $"Reporting.Number.{error}";

    /// <summary>Parses <paramref name="text"/> written in <paramref name="culture"/>'s way; empty text is <see cref="NumberInputError.Required"/>.</summary>
    public static NumberInputError TryParse(string? text, CultureInfo culture, int scale, decimal max, out decimal value)
    {
        value = 0;
        var s = text?.Trim(' ', '\u00A0', '\u202F', '\t');
        if (string.IsNullOrEmpty(s))
        {
            return NumberInputError.Required;
        }

        if (s[0] is '-' or '\u2212')
        {
            return NumberInputError.Negative;
        }

        var english = culture.TwoLetterISOLanguageName == "en";
        var groups = english ? Spaces + "," : Spaces;
        if (s.Any(c => !char.IsAsciiDigit(c) && c != '.' && c != ',' && !Spaces.Contains(c)))
        {
            return NumberInputError.Invalid;
        }

        var commas = s.Count(c => c == ',');
        var dots = s.Count(c => c == '.');
        int mark; // index of the decimal mark, -1 when none
        if (english)
        {
            if (dots > 1)
            {
                return NumberInputError.Invalid;
            }

            mark = s.IndexOf('.', StringComparison.Ordinal);
        }
        else
        {
            if (commas + dots > 1)
            {
                return NumberInputError.Invalid;
            }

            mark = commas == 1 ? s.IndexOf(',', StringComparison.Ordinal) : s.IndexOf('.', StringComparison.Ordinal);
            if (dots == 1 && s.Length - mark - 1 == 3 && mark > 0)
            {
                return NumberInputError.Ambiguous; // "1.234": one thousand two hundred…, or one point two three four?
            }
        }

        var whole = mark < 0 ? s : s[..mark];
        var fraction = mark < 0 ? string.Empty : s[(mark + 1)..];
        if ((mark >= 0 && fraction.Length == 0) || !fraction.All(char.IsAsciiDigit) || (whole.Length == 0 && fraction.Length == 0))
        {
            return NumberInputError.Invalid;
        }

        if (whole.Any(groups.Contains))
        {
            var normalized = new string([.. whole.Select(c => groups.Contains(c) ? ' ' : c)]);
            if (!Grouped().IsMatch(normalized))
            {
                return NumberInputError.Invalid;
            }

            whole = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        }
        else if (!whole.All(char.IsAsciiDigit))
        {
            return NumberInputError.Invalid;
        }

        if (fraction.Length > scale)
        {
            return NumberInputError.TooManyDecimals;
        }

        whole = whole.TrimStart('0');
        if (whole.Length > 20
            || !decimal.TryParse((whole.Length == 0 ? "0" : whole) + (fraction.Length > 0 ? "." + fraction : string.Empty),
                NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            || parsed > max)
        {
            return NumberInputError.TooLarge;
        }

        value = parsed;
        return NumberInputError.None;
    }

    /// <summary>A number as the form shows it back in <paramref name="culture"/> (grouped, at most <paramref name="scale"/> decimals).</summary>
    /// <summary>The number shown as an example of the format a field takes: as many decimals as it allows ("1 234 567,89", "1 234 567,5").</summary>
    public static string Example(CultureInfo culture, int scale) =>
        Format(scale >= 2 ? 1_234_567.89m : scale == 1 ? 1_234_567.5m : 1_234_567m, culture, scale);

    public static string Format(decimal value, CultureInfo culture, int scale) =>
        value.ToString(scale > 0 ? "#,##0." + new string('#', scale) : "#,##0", Display.NumbersOf(culture));

    [GeneratedRegex(@"^\d{1,3}( \d{3})+$")]
    private static partial Regex Grouped();
}
