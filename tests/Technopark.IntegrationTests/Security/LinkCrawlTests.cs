using System.Net;
using System.Text.RegularExpressions;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

/// <summary>
/// Links are generated from the pages' routes (asp-page, Url.Page, RedirectToPage), never typed by hand:
/// a route that cannot be built renders an empty href, a wrong one a 404. Walking every link a person is
/// shown, from the home page, finds neither.
/// </summary>
public partial class LinkCrawlTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    private const int MaxPages = 150;

    /// <summary>Links that change state on GET (language, sign-out) are not followed.</summary>
    private static readonly string[] NotFollowed = ["/language", "/Identity/Account/Logout"];

    [Theory]
    [InlineData(Persona.Applicant, "/applications")]
    [InlineData(Persona.ManagerTanger, "/manage/tanger")]
    [InlineData(Persona.ReviewerTanger, "/manage/tanger")]
    [InlineData(Persona.NetworkAdmin, "/hq")]
    [InlineData(Persona.CompanyOwner, "/company")]
    [InlineData(Persona.Alumnus, "/company")]
    public async Task Crawl_EveryLinkShown_IsBuiltAndAnswers(Persona persona, string start)
    {
        using var client = await Personas.ClientAsync(app.Factory, persona);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/", start };
        var queue = new Queue<string>(["/", start]);
        var wrong = new List<string>();
        var visited = 0;

        while (queue.Count > 0 && visited < MaxPages)
        {
            var url = queue.Dequeue();
            visited++;
            using var response = await client.GetAsync(url);
            if ((int)response.StatusCode >= 400)
            {
                wrong.Add($"{url}: {(int)response.StatusCode}");
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            if (EmptyLink().IsMatch(html))
            {
                wrong.Add($"{url}: a link or form without a URL");
            }

            foreach (Match link in Link().Matches(html))
            {
                var target = WebUtility.HtmlDecode(link.Groups[1].Value).Split('#')[0];
                if (target.Length > 0 && !NotFollowed.Any(n => target.StartsWith(n, StringComparison.OrdinalIgnoreCase)) && seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        Assert.True(visited > 5, $"Only {visited} pages reached from {start}");
        Assert.True(wrong.Count == 0, $"{persona}:\n" + string.Join("\n", wrong));
    }

    [GeneratedRegex("""\b(?:href|action)=""\s*(?:>|\s)""")]
    private static partial Regex EmptyLink();

    [GeneratedRegex("""<a\b[^>]*\bhref="(/[^"/][^"]*|/)"[^>]*>""")]
    private static partial Regex Link();
}
