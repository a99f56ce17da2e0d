using System.Globalization;
using Technopark.Domain.Reporting;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Web;

/// <summary>
/// The one parser of typed amounts and headcounts, in each language. "_" stands for the narrow no-break space (U+202F)
/// and "~" for the no-break space (U+00A0) in the cases below.
/// </summary>
public class NumberInputTests
{
    private const decimal Max = DeclarationFigures.MaxAmount;

    [Theory]
    [InlineData("fr", "1 234 567,50", "1234567.50")]
    [InlineData("fr", "1_234_567,5", "1234567.5")]
    [InlineData("fr", "1~234", "1234")]
    [InlineData("fr", "1234.50", "1234.50")]
    [InlineData("fr", "1 234.5", "1234.5")]
    [InlineData("fr", "0,05", "0.05")]
    [InlineData("fr", " 12 ", "12")]
    [InlineData("fr", "0", "0")]
    [InlineData("ar", "1 234 567,50", "1234567.50")]
    [InlineData("ar", "98.7", "98.7")]
    [InlineData("en", "1,234,567.50", "1234567.50")]
    [InlineData("en", "1234.5", "1234.5")]
    [InlineData("en", "1 234", "1234")]
    [InlineData("en", "100000000000", "100000000000")]
    public void TryParse_AcceptedForms_ReadTheValue(string language, string text, string expected)
    {
        Assert.Equal(NumberInputError.None, NumberInput.TryParse(Spaces(text), Culture(language), 2, Max, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("fr", "", NumberInputError.Required)]
    [InlineData("fr", "   ", NumberInputError.Required)]
    [InlineData("fr", "-5", NumberInputError.Negative)]
    [InlineData("fr", "−1 000", NumberInputError.Negative)]
    [InlineData("fr", "12abc", NumberInputError.Invalid)]
    [InlineData("fr", "1,2,3", NumberInputError.Invalid)]
    [InlineData("fr", "1.234,50", NumberInputError.Invalid)]
    [InlineData("fr", "1.234.567", NumberInputError.Invalid)]
    [InlineData("fr", "1.234", NumberInputError.Ambiguous)]
    [InlineData("fr", "1,234", NumberInputError.TooManyDecimals)]
    [InlineData("fr", "12 34", NumberInputError.Invalid)]
    [InlineData("fr", "1 2345", NumberInputError.Invalid)]
    [InlineData("fr", "12,", NumberInputError.Invalid)]
    [InlineData("fr", "1e5", NumberInputError.Invalid)]
    [InlineData("fr", "+5", NumberInputError.Invalid)]
    [InlineData("fr", "١٢٣", NumberInputError.Invalid)]
    [InlineData("fr", "100 000 000 000,01", NumberInputError.TooLarge)]
    [InlineData("fr", "99999999999999999999999999999999", NumberInputError.TooLarge)]
    [InlineData("en", "1,234,567,50", NumberInputError.Invalid)]
    [InlineData("en", "1234,50", NumberInputError.Invalid)]
    [InlineData("en", "1.2.3", NumberInputError.Invalid)]
    [InlineData("en", "1.234", NumberInputError.TooManyDecimals)]
    [InlineData("en", "1,234.5.6", NumberInputError.Invalid)]
    [InlineData("ar", "1٫5", NumberInputError.Invalid)]
    public void TryParse_RefusedForms_SayWhy(string language, string text, NumberInputError expected) =>
        Assert.Equal(expected, NumberInput.TryParse(Spaces(text), Culture(language), 2, Max, out _));

    [Theory]
    [InlineData("fr", "12,5", NumberInputError.None)]
    [InlineData("fr", "12,25", NumberInputError.TooManyDecimals)]
    [InlineData("en", "12.25", NumberInputError.TooManyDecimals)]
    public void TryParse_HeadcountOneDecimal_MoreRefused(string language, string text, NumberInputError expected) =>
        Assert.Equal(expected, NumberInput.TryParse(text, Culture(language), DeclarationFigures.HeadcountScale, DeclarationFigures.MaxHeadcount, out _));

    /// <summary>Whatever the app prints (Display's money format, the form's own format), the parser reads back the same value.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void TryParse_FormattedValues_RoundTrip(int seed)
    {
        var random = new Random(seed);
        foreach (var language in Cultures.Names)
        {
            var culture = Culture(language);
            for (var i = 0; i < 300; i++)
            {
                var cents = random.NextInt64(0, (long)(Max * 100) + 1);
                var amount = cents / 100m;
                var headcount = random.Next(0, (int)(DeclarationFigures.MaxHeadcount * 10) + 1) / 10m;
                foreach (var text in new[] { amount.ToString("N2", Display.NumbersOf(culture)), NumberInput.Format(amount, culture, 2), amount.ToString(CultureInfo.InvariantCulture) })
                {
                    Assert.True(NumberInput.TryParse(text, culture, 2, Max, out var back) == NumberInputError.None && back == amount, $"{language}: {text} → {back}");
                }

                var typed = NumberInput.Format(headcount, culture, 1);
                Assert.True(NumberInput.TryParse(typed, culture, 1, DeclarationFigures.MaxHeadcount, out var people) == NumberInputError.None && people == headcount, $"{language}: {typed}");
            }
        }
    }

    private static CultureInfo Culture(string language) => Cultures.Supported.Single(c => c.Name == language);

    private static string Spaces(string text) => text.Replace('_', '\u202F').Replace('~', '\u00A0');
}
