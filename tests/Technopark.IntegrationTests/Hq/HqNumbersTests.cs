using System.Net;
using System.Text.RegularExpressions;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq;

/// <summary>HQ's figures read the same way everywhere: Western digits in Arabic too, counts as counts, "n.d." for a missing figure.</summary>
public partial class HqNumbersTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private static readonly string[] HqPages =
        ["/hq", "/hq/trend", "/hq/kpis", "/hq/kpis/occupancy", "/hq/kpis/success", "/hq/kpis/survival", "/hq/kpis/turnover", "/hq/kpis/jobs", "/hq/kpis/revenue"];

    [Fact]
    public async Task HqPages_InArabic_HaveNoArabicIndicDigitsOrApostropheGrouping()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        foreach (var url in HqPages)
        {
            var html = WebUtility.HtmlDecode(await client.GetStringAsync($"{url}?culture=ar&ui-culture=ar"));

            Assert.Contains("dir=\"rtl\"", html, StringComparison.Ordinal);
            var wrong = ArabicIndicOrApostrophe().Match(html);
            Assert.False(wrong.Success, $"{url}: U+{(wrong.Success ? (int)wrong.Value[0] : 0):X4} near \"{(wrong.Success ? html.Substring(Math.Max(0, wrong.Index - 40), 80) : string.Empty)}\"");
        }
    }

    [Fact]
    public async Task Dashboard_InFrench_RatesOneDecimalAndPartsOfWholesInWords()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/hq"));

        var total = NetworkTotal().Match(html);
        Assert.True(total.Success, "No network total row");
        var cells = Cell().Matches(total.Value).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", string.Empty).Trim()).ToList();
        Assert.Matches("^[0-9\u202F]+ sur [0-9\u202F]+$", cells[0]);
        Assert.Matches("^[0-9\u202F]+,[0-9]\u00A0%$", cells[1]);
        Assert.Matches("^[0-9\u202F]+ sur [0-9\u202F]+$", cells[3]);
        Assert.DoesNotContain(" / ", total.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpis_Turnover_CountsWholeAndAverageWithOneDecimal()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/hq/kpis"));

        var turnover = TurnoverBasis().Match(html);
        Assert.True(turnover.Success, "No turnover basis");
        Assert.Matches("^\\([0-9\u202F]+ départs pour [0-9\u202F]+,[0-9] résidents en moyenne\\)$", turnover.Groups[1].Value.Trim());
    }

    [Fact]
    public async Task Kpis_SurvivalWithoutCohort_ReadsNotAvailableWithATitle()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        // Before any site opened nobody has left the network: no cohort, no rate.
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/hq/kpis?on=2000-01-01"));

        Assert.Matches("data-kpi=\"Survival\">\\s*<span class=\"no-value\" title=\"[^\"]+\">n.d.</span>\\s*</a>", html);
        Assert.DoesNotContain(">—<", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("[\u0660-\u0669\u066A\u066B\u066C\u2019]")]
    private static partial Regex ArabicIndicOrApostrophe();

    [GeneratedRegex("<tr id=\"hq-network-total\".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex NetworkTotal();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("data-kpi=\"Turnover\">.*?</a>\\s*<span class=\"[^\"]*kpi-basis\">(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex TurnoverBasis();
}
