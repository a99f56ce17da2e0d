using System.Net;
using System.Text.RegularExpressions;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Identity;

/// <summary>Posting Razor Pages forms like a browser: GET the page, take its antiforgery token, post with the cookies.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, IDictionary<string, string> fields)
    {
        using var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Personas.Token(await page.Content.ReadAsStringAsync()) };
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
    public static string WithoutTokens(string html) => Personas.WithoutTokens(html);

    public static string Decoded(string html) => WebUtility.HtmlDecode(html);
}
