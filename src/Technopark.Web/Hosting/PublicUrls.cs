namespace Technopark.Web.Hosting;

/// <summary>Where people reach the app: every absolute link (emails) is built from it, never from the request.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "App";

    /// <summary>The public base URL, e.g. https://technopark.ma (a path base such as https://host/app is kept).</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    public Uri BaseUri => Uri.TryCreate(PublicBaseUrl.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        ? uri
        : throw new InvalidOperationException($"{Section}:PublicBaseUrl must be an absolute http(s) URL; it is '{PublicBaseUrl}'.");
}

/// <summary>
/// Absolute links to the app's pages for emails: the path from the app's routes (<see cref="LinkGenerator"/>)
/// under the configured public base URL. A request's Host header never goes into a link, so a forged
/// Host cannot send a reset token to someone else's server.
/// </summary>
public sealed class PublicUrls(LinkGenerator links, Microsoft.Extensions.Options.IOptions<PublicUrlOptions> options)
{
    private readonly Uri _base = options.Value.BaseUri;

    /// <summary>The absolute URL of a page; <paramref name="values"/> not in the route become the query string.</summary>
    public string Page(string page, object? values = null)
    {
        var path = links.GetPathByPage(page, handler: null, values: values, pathBase: new PathString(_base.AbsolutePath.TrimEnd('/')))
            ?? throw new InvalidOperationException($"No route to the page {page}.");
        return _base.GetLeftPart(UriPartial.Authority) + path;
    }

    /// <summary>An account page (area Identity), e.g. "/Account/ResetPassword".</summary>
    public string Account(string page, object? values = null) =>
        Page(page, new RouteValueDictionary(values) { ["area"] = "Identity" });
}
