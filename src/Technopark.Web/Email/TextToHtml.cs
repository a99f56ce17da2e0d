using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Technopark.Web.Email;

/// <summary>Plain text to safe HTML: everything HTML-encoded first, then http(s) URLs turned into links.</summary>
public static partial class TextToHtml
{
    /// <summary>Encodes the text and links its URLs; newlines become &lt;br&gt;.</summary>
    public static string Linkify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = WebUtility.HtmlEncode(text);
        var linked = UrlPattern().Replace(encoded, m => $"<a href=\"{m.Value}\">{m.Value}</a>");
        return linked.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>\n", StringComparison.Ordinal);
    }

    /// <summary>An email's HTML body: one paragraph per blank-line separated block, URLs linked.</summary>
    public static string Paragraphs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            html.Append("<p>").Append(Linkify(block)).Append("</p>\n");
        }

        return html.ToString();
    }

    // Runs on encoded text: a URL stops at whitespace, a quote or an angle bracket (encoded as &lt; etc.
    // by then, so '&' followed by lt;/gt;/quot; ends it too).
    [GeneratedRegex(@"https?://(?:(?!&(?:lt|gt|quot|#39);)[^\s""'<>])+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}

/// <summary>Emails written as plain text: the HTML part is derived the same way for every sender.</summary>
public static class OutboxTextExtensions
{
    public static Technopark.Infrastructure.Email.OutboxMessage EnqueueText(this Technopark.Infrastructure.Email.EmailOutbox outbox, string to, string subject, string text) =>
        outbox.Enqueue(to, subject, TextToHtml.Paragraphs(text), text);
}
