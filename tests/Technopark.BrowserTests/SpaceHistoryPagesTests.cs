using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Technopark.BrowserTests;

/// <summary>
/// A space's out-of-service history on its edit page (the demo's Tanger office renovated last year): the closed period is
/// listed with its first and last days, in French on a phone and in Arabic on a desktop, and the page passes axe.
/// </summary>
public class SpaceHistoryPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(375, 740, "fr")]
    [InlineData(1280, 900, "ar")]
    public async Task EditPage_ListsThePeriodOutOfService(int width, int height, string language)
    {
        await using var db = browser.App.Database.CreateContext();
        var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
        var office = await db.Spaces.Where(s => s.SiteId == tanger && s.Outages.Any())
            .Select(s => new { s.Id, Start = s.Outages.Single().Start, End = s.Outages.Single().End }).SingleAsync();
        Assert.True(office.End is not null, "the demo office is back in service");

        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, "manager.tanger@technopark.ma");
        await Accessibility.CheckPageAsync(page, $"/manage/tanger/spaces/edit/{office.Id}", language, width);

        var period = page.Locator("#out-of-service-periods li");
        await Assertions.Expect(period).ToHaveCountAsync(1);
        await Assertions.Expect(period).ToHaveAttributeAsync("data-start", office.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(period).ToContainTextAsync(office.Start.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(period).ToContainTextAsync(office.End!.Value.AddDays(-1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
    }
}
