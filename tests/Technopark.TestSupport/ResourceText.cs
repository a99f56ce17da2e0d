using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Technopark.Web;
using Technopark.Web.Localization;

namespace Technopark.TestSupport;

/// <summary>What a page says, found by resource key rather than by a copy of the French sentence; and one element of a page.</summary>
public static partial class ResourceText
{
    /// <summary>ASP.NET Core's own localizers over the app's resource files, without the app (formatting and localizer tests).</summary>
    public static ResourceManagerStringLocalizerFactory Files() =>
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (French by default), as the app shows it.</summary>
    public static string Of(WebApplicationFactory<Program> factory, string key, string culture = Cultures.Default, params object[] arguments) =>
        In<SharedResource>(factory, key, culture, arguments);

    /// <summary>The text of <paramref name="key"/> in the account pages' and emails' resources (<see cref="AccountResource"/>).</summary>
    public static string Account(WebApplicationFactory<Program> factory, string key, string culture = Cultures.Default, params object[] arguments) =>
        In<AccountResource>(factory, key, culture, arguments);

    /// <summary>What <paramref name="read"/> returns with <paramref name="language"/> as the current culture and UI culture, as a request in it has them.</summary>
    public static T InLanguage<T>(string language, Func<T> read)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = Cultures.Supported.Single(c => c.Name == language);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <inheritdoc cref="InLanguage{T}(string, Func{T})"/>
    public static void InLanguage(string language, Action read) => InLanguage(language, () =>
    {
        read();
        return 0;
    });

    private static string In<TResource>(WebApplicationFactory<Program> factory, string key, string culture, object[] arguments) =>
        InLanguage(culture, () => factory.Services.GetRequiredService<IStringLocalizer<TResource>>()[key, arguments].Value);

    /// <summary>The opening tag of the element with this id (attributes HTML-decoded), or null.</summary>
    public static string? Tag(string html, string id) =>
        Regex.Match(html, $"<[a-z]+[^>]*?\\sid=\"{Regex.Escape(id)}\"[^>]*>") is { Success: true } tag ? WebUtility.HtmlDecode(tag.Value) : null;

    /// <summary>The decoded text inside the element with this id (up to its first closing tag), or null.</summary>
    public static string? Inner(string html, string id) =>
        Regex.Match(html, $"<([a-z]+)[^>]*?\\sid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline) is { Success: true } element
            ? WebUtility.HtmlDecode(element.Groups[2].Value)
            : null;
}
