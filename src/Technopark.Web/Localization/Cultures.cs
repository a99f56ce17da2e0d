using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Technopark.Web.Localization;

/// <summary>
/// The UI languages: French (default), English, Arabic (right to left). Every culture shows dates
/// as dd/MM/yyyy and the Gregorian calendar, so a date reads the same in every language.
/// </summary>
public static class Cultures
{
    public const string Default = "fr";

    public static readonly IReadOnlyList<string> Names = ["fr", "en", "ar"];

    public static IList<CultureInfo> Supported { get; } = [.. Names.Select(Create)];

    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Supported[0]),
            SupportedCultures = Supported,
            SupportedUICultures = Supported,
        };
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return options;
    }

    private static CultureInfo Create(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        if (culture.DateTimeFormat.Calendar is not GregorianCalendar)
        {
            culture.DateTimeFormat.Calendar = new GregorianCalendar();
        }

        culture.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        culture.DateTimeFormat.DateSeparator = "/";
        return CultureInfo.ReadOnly(culture);
    }
}
