using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Technopark.TestSupport;
using Technopark.Web;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Web;

/// <summary>
/// One formatting rule per kind of number, in each language, with the app's real resources. Spaces in the
/// expected values are written "_" for the narrow no-break space (U+202F) and "~" for the no-break space (U+00A0).
/// </summary>
public class DisplayTests
{
    private static readonly IStringLocalizer L = ResourceText.Files().Create(typeof(SharedResource));

    [Theory]
    [InlineData("fr", "2_027")]
    [InlineData("en", "2,027")]
    [InlineData("ar", "2_027")]
    public void Count_Thousands_GroupedWithWesternDigits(string language, string expected) =>
        Assert.Equal(Spaces(expected), In(language, () => Display.Count(2027)));

    /// <summary>A message's time is Morocco's wall clock (UTC+1 outside Ramadan), not the server's zone nor UTC.</summary>
    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public void Moment_UtcInstant_ShownAsTheDateAndHourInCasablanca(string language) =>
        Assert.Equal("01/07/2026 00:30", In(language, () => Display.Moment(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero))));

    [Theory]
    [InlineData("fr", "34,6")]
    [InlineData("en", "34.6")]
    [InlineData("ar", "34,6")]
    public void Mean_AverageOfCounts_OneDecimal(string language, string expected) =>
        Assert.Equal(expected, In(language, () => Display.Mean(34.6m)));

    [Theory]
    [InlineData("fr", 1234.5, "1_234,5")]
    [InlineData("fr", 12, "12,0")]
    [InlineData("en", 1234.5, "1,234.5")]
    [InlineData("ar", 1234.5, "1_234,5")]
    public void Fte_FullTimeEquivalents_OneDecimal(string language, double fte, string expected) =>
        Assert.Equal(Spaces(expected), In(language, () => Display.Fte((decimal)fte)));

    [Theory]
    [InlineData("fr", 62.5, "62,5~%")]
    [InlineData("fr", 60, "60,0~%")]
    [InlineData("en", 62.5, "62.5%")]
    [InlineData("en", 60, "60.0%")]
    [InlineData("ar", 63.8, "63,8%")]
    [InlineData("ar", 60, "60,0%")]
    public void Rate_AlwaysOneDecimal(string language, double percent, string expected) =>
        Assert.Equal(Spaces(expected), In(language, () => L.Rate((decimal)percent)));

    [Theory]
    [InlineData("fr", "5_600,00~MAD")]
    [InlineData("en", "MAD~5,600.00")]
    [InlineData("ar", "5_600,00~درهم")]
    public void Money_TwoDecimals(string language, string expected) =>
        Assert.Equal(Spaces(expected), In(language, () => L.Money(5600m)));

    [Theory]
    [InlineData("fr", "5_600,00~MAD / mois")]
    [InlineData("en", "MAD~5,600.00 / month")]
    [InlineData("ar", "5_600,00~درهم / شهر")]
    public void MonthlyRent_TwoDecimals(string language, string expected) =>
        Assert.Equal(Spaces(expected), In(language, () => L.MonthlyRent(5600m)));

    [Theory]
    [InlineData("fr", 2027, "2_027~m²")]
    [InlineData("fr", 24.5, "24,5~m²")]
    [InlineData("en", 2027, "2,027~m²")]
    [InlineData("ar", 2027, "2_027~م²")]
    public void Area_GroupedAtMostTwoDecimals(string language, double squareMeters, string expected) =>
        Assert.Equal(Spaces(expected), In(language, () => L.Area((decimal)squareMeters)));

    [Theory]
    [InlineData("fr", 1.5, "1,5~j")]
    [InlineData("fr", 3, "3,0~j")]
    [InlineData("en", 1.5, "1.5~d")]
    [InlineData("ar", 1.5, "1,5~يوم")]
    public void Days_OneDecimal(string language, double days, string expected) =>
        Assert.Equal(Spaces(expected), In(language, () => L.Days((decimal)days)));

    [Theory]
    [InlineData("fr", "36 sur 60")]
    [InlineData("en", "36 of 60")]
    [InlineData("ar", "36 من 60")]
    public void Of_PartOfWhole_ReadsAsASentence(string language, string expected) =>
        Assert.Equal(expected, In(language, () => L.Of(36, 60)));

    [Theory]
    [InlineData("fr", "n.d.")]
    [InlineData("en", "n/a")]
    [InlineData("ar", "غير متاح")]
    public void Rate_NothingToDivide_ReadsNotAvailableWithATitle(string language, string expected)
    {
        var html = In(language, () => Html(L.Rate((decimal?)null)));

        Assert.Matches($"^<span class=\"no-value\" title=\"[^\"]+\">{System.Text.RegularExpressions.Regex.Escape(expected)}</span>$", html);
        Assert.DoesNotContain("—", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// A page's rate writer (the trend's 2,000 cells) gives each cell its text, its "not available" mark in every cell without a
    /// rate: Razor moves a content container into the page, emptying it, so a mark written once and reused must not be one.
    /// </summary>
    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public void Rates_OnePageOfCellsWithAndWithoutRates_EachCellItsText(string language)
    {
        var (page, expected) = In(language, () =>
        {
            var rates = L.Rates();
            var page = new HtmlContentBuilder();
            foreach (var rate in new decimal?[] { null, 62.5m, null, 12.34m, null, 62.5m })
            {
                var cell = rates.Of(rate);
                if (cell is IHtmlContentContainer container)
                {
                    container.MoveTo(page); // as RazorPage.Write does
                }
                else
                {
                    page.AppendHtml(cell);
                }
            }

            return (Html(page), Html(L.Rate((decimal?)null)) + Html(L.Rate((decimal?)62.5m)) + Html(L.Rate((decimal?)null))
                + Html(L.Rate((decimal?)12.34m)) + Html(L.Rate((decimal?)null)) + Html(L.Rate((decimal?)62.5m)));
        });

        Assert.Equal(expected, page);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(page, "class=\"no-value\""));
    }

    /// <summary>
    /// The rates written once and kept (every tenth from 0 to 100 %) read as the rate's text in each language, asked in turns
    /// so that no language is given another's, twice (written, then kept); rates outside them as well.
    /// </summary>
    [Fact]
    public void RateHtml_EveryTenthAndOthers_TheRateTextInEachLanguage_LanguagesInTurns()
    {
        var rates = Enumerable.Range(0, 1001).Select(t => t / 10m).Concat([100.1m, 250m, -0.5m, 12.34m, 62.50m]).ToList();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var rate in rates)
            {
                foreach (var language in new[] { "fr", "en", "ar" })
                {
                    var (html, text) = In(language, () => (Html(L.Rate((decimal?)rate)), L.Rate(rate)));
                    Assert.Equal(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text), html);
                }
            }
        }

        Assert.Equal(Spaces("62,5~%"), In("fr", () => L.Rate(62.5m)));
        Assert.Equal("62,5&#xA0;%", In("fr", () => Html(L.Rate((decimal?)62.5m))));
        Assert.Equal("62.5%", In("en", () => Html(L.Rate((decimal?)62.5m))));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    [InlineData("ar")]
    public void EveryKind_Arabic_NeverArabicIndicDigitsOrSeparators(string language)
    {
        var all = In(language, () => string.Join(" | ", Display.Count(1234567), Display.Mean(1234.5m), Display.Fte(1234.5m), L.Rate(99.95m), L.Money(1234567.891m),
            L.Area(2027.25m), L.Days(12.34m), L.Of(1234, 5678)));

        Assert.DoesNotMatch("[\u0660-\u0669\u066A\u066B\u066C\u2019]", all);
    }

    private static T In<T>(string language, Func<T> format) => ResourceText.InLanguage(language, format);

    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        return writer.ToString();
    }

    private static string Spaces(string expected) => expected.Replace('_', '\u202F').Replace('~', '\u00A0');
}
