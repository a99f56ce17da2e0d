using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Hq.Audit;

namespace Technopark.Web.Pages.Shared;

/// <summary>
/// The audit trail's list and entry partials for HQ (<see cref="Slug"/> null: /hq/audit…) and for one site (/manage/{slug}/audit…):
/// which pages the links go to, with which route values, and how codes read.
/// </summary>
public sealed record AuditTrailModel(AuditListView View, string? Slug)
{
    public bool IsSiteScoped => Slug is not null;

    public string ListPage => IsSiteScoped ? "/Manage/Audit/Index" : "/Hq/Audit/Index";

    public string EntryPage => IsSiteScoped ? "/Manage/Audit/Entry" : "/Hq/Audit/Entry";

    public string ExportPage => IsSiteScoped ? "/Manage/Audit/Export" : "/Hq/Audit/Export";

    /// <summary>The filter's route values (and the slug), with a cursor when given.</summary>
    public Dictionary<string, string> Filter(AuditCursor? after = null)
    {
        var values = View.Query.RouteValues(withSite: !IsSiteScoped).ToDictionary(v => v.Key, v => (string)v.Value!);
        if (after is { } cursor)
        {
            values[AuditFields.After] = cursor.Token;
        }

        return WithSlug(values);
    }

    /// <summary>The list filtered on one person (the "who" links).</summary>
    public Dictionary<string, string> Person(string userId) => WithSlug(new() { [AuditFields.User] = userId });

    public Dictionary<string, string> Entry(long id) => WithSlug(new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The message of a field's error, in the reader's language.</summary>
    public static string? Error(IStringLocalizer l, IReadOnlyDictionary<string, string> errors, string field) => errors.TryGetValue(field, out var key)
        ? key == DateRangeLimits.OutOfRangeCode ? l.OutOfRange() : l[key].Value
        : null;

    /// <summary>A kind of record's label (<c>Audit.Kind.{kind}</c>), or the code when there is none.</summary>
    public static string Kind(IStringLocalizer l, string kind) => Label(l, $"Audit.Kind.{kind}", kind);

    /// <summary>An action's label (<c>Audit.Action.{action}</c>), or the code when there is none.</summary>
    public static string Action(IStringLocalizer l, string action) => Label(l, $"Audit.Action.{action}", action);

    private static string Label(IStringLocalizer l, string key, string code) => l[key] is { ResourceNotFound: false } text ? text.Value : code;

    private Dictionary<string, string> WithSlug(Dictionary<string, string> values)
    {
        if (Slug is not null)
        {
            values["slug"] = Slug;
        }

        return values;
    }
}
