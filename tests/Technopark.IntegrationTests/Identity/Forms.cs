using System.Net;
using System.Text.RegularExpressions;

namespace Technopark.IntegrationTests.Identity;

/// <summary>Posting Razor Pages forms like a browser: GET the page, take its antiforgery token, post with the cookies.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDictionary<string, string> fields)
    {
        using var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"No antiforgery token on {url}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(url, content);
    }

    /// <summary>The text of the validation message beside a field, e.g. "Input.Password" ("" when none).</summary>
    public static string FieldError(string html, string field)
    {
        var id = field.Replace('.', '_') + "-error";
        var match = Regex.Match(html, $"<span[^>]*id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No validation span {id}");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    /// <summary>The page without its per-request values (antiforgery tokens), to compare two answers.</summary>
    public static string WithoutTokens(string html) => TokenPattern().Replace(html, "__RequestVerificationToken");

    public static string Decoded(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
