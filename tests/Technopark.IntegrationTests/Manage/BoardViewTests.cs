using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Manage;

/// <summary>The board of a big site (the demo Tanger: 80 offices, a 40-seat coworking space) stays usable.</summary>
public partial class BoardViewTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Board_BigSite_OpensCompactWithOneRowPerSpace()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        await using var db = app.Database.CreateContext();
        var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
        var codes = await db.Spaces.Where(s => s.SiteId == tanger && s.IsActive && (s.Kind == SpaceKind.Office || s.Kind == SpaceKind.Coworking))
            .Select(s => s.Code).ToListAsync();

        var html = await client.GetStringAsync($"/manage/tanger/board?on={Today()}");

        var table = CompactTable().Match(html);
        Assert.True(table.Success, "No compact table");
        Assert.True(codes.Count > 40, $"Tanger has {codes.Count} spaces");
        Assert.Equal(codes.Order(StringComparer.Ordinal), RowCodes().Matches(table.Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("board-tile", html, StringComparison.Ordinal);
        Assert.Contains("data-view=\"tiles\"", html, StringComparison.Ordinal);
        // The floor column reads as the tiles' headings do: the ground floor by its name, not "0".
        var coworkingRow = Element().Matches(WebUtility.HtmlDecode(table.Value)).Select(m => m.Value).Single(e => e.Contains("data-code=\"CW-1\"", StringComparison.Ordinal));
        Assert.Contains($"<td>{ResourceText.Of(app.Factory, "Board.GroundFloor")}</td>", coworkingRow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compact")]
    [InlineData("tiles")]
    public async Task Board_Coworking_ShowsSeatsUsedOfTotalAndFoldsItsOccupants(string view)
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var day = Today();
        await using var db = app.Database.CreateContext();
        var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
        var coworking = await db.Spaces.SingleAsync(s => s.SiteId == tanger && s.Code == "CW-1");
        var held = await db.Assignments.HeldOn(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Where(a => a.SpaceId == coworking.Id).Select(a => a.Seats).ToListAsync();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/tanger/board?on={day}&view={view}"));

        var element = Element().Matches(html).Select(m => m.Value).Single(e => e.Contains("data-code=\"CW-1\"", StringComparison.Ordinal));
        Assert.True(held.Count > 10, $"{held.Count} coworkers");
        Assert.Contains($"{held.Sum()} places occupées sur {coworking.Seats}", element, StringComparison.Ordinal);
        var details = Details().Match(element);
        Assert.True(details.Success, "No <details> for the occupants");
        Assert.Contains($"Voir les occupants ({held.Count})", details.Value, StringComparison.Ordinal);
        Assert.Equal(held.Count, AssignmentLink().Count(details.Value));
        Assert.Equal(held.Count, AssignmentLink().Count(element)); // no occupant outside the folded list
    }

    [Fact]
    public async Task Board_Tiles_FloorLabelsMatchTheCodes()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/tanger/board?on={Today()}&view=tiles"));

        var floors = Floor().Matches(html).ToList();
        Assert.Equal(["0", "1", "2", "3", "4"], floors.Select(f => f.Groups["floor"].Value));
        foreach (var floor in floors)
        {
            var number = floor.Groups["floor"].Value;
            Assert.Equal(number == "0" ? "Rez-de-chaussée" : $"Étage {number}", floor.Groups["label"].Value);
            var offices = RowCodes().Matches(floor.Value).Select(m => m.Groups[1].Value).Where(c => c.StartsWith("A-", StringComparison.Ordinal)).ToList();
            Assert.All(offices, code => Assert.StartsWith($"A-{number}", code, StringComparison.Ordinal));
            Assert.Equal(number != "0", offices.Count > 0);
        }
    }

    [Fact]
    public async Task Board_SmallSiteOrAskedFor_ShowsTilesWithACompactToggle()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var agadir = await client.GetStringAsync($"/manage/agadir/board?on={Today()}"); // 30 offices and one coworking space
        var asked = await client.GetStringAsync($"/manage/agadir/board?on={Today()}&view=compact");

        Assert.Contains("board-tile", agadir, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"board-compact\"", agadir, StringComparison.Ordinal);
        Assert.Contains("data-view=\"compact\"", agadir, StringComparison.Ordinal);
        Assert.Contains("id=\"board-compact\"", asked, StringComparison.Ordinal);
    }

    private string Today() =>
        app.Factory.Services.GetRequiredService<TimeProvider>().Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("<table[^>]*id=\"board-compact\".*?</table>", RegexOptions.Singleline)]
    private static partial Regex CompactTable();

    [GeneratedRegex("<(?:tr|article)[^>]*data-code=\"([^\"]+)\"")]
    private static partial Regex RowCodes();

    [GeneratedRegex("<(tr|article)[^>]*data-code=\"[^\"]+\".*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Element();

    [GeneratedRegex("<details.*?</details>", RegexOptions.Singleline)]
    private static partial Regex Details();

    [GeneratedRegex("href=\"/manage/tanger/assignments/[0-9]+\"")]
    private static partial Regex AssignmentLink();

    [GeneratedRegex("<section aria-labelledby=\"floor-(?<floor>-?[0-9]+)\"[^>]*>\\s*<h2[^>]*>(?<label>[^<]+)</h2>.*?</section>", RegexOptions.Singleline)]
    private static partial Regex Floor();
}
