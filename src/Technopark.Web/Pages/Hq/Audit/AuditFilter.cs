using System.Globalization;
using Microsoft.AspNetCore.Routing;
using Technopark.Domain.Auditing;
using Technopark.Domain.Common;

namespace Technopark.Web.Pages.Hq.Audit;

/// <summary>
/// Where a page of the audit trail starts: after the entry (<see cref="At"/>, <see cref="Id"/>) of the previous page's last
/// row, newest first. Carried in the URL as <c>after={UTC ticks}_{id}</c>.
/// </summary>
public readonly record struct AuditCursor(DateTimeOffset At, long Id)
{
    public string Token => string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}_{Id}");

    /// <summary>The cursor a URL carries, or null when it is missing or not one (the first page is shown then).</summary>
    public static AuditCursor? Parse(string? token)
    {
        var parts = token?.Split('_');
        return parts is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? new AuditCursor(new DateTimeOffset(t, TimeSpan.Zero), i)
            : null;
    }
}

/// <summary>The filter's fields as the URL names them (a GET form: a filtered view can be bookmarked and exported).</summary>
public static class AuditFields
{
    public const string From = "from", To = "to", Site = "site", Person = "person", User = "user", Kind = "kind", Action = "action", After = "after";
}

/// <summary>
/// What the audit trail is asked to show, as typed in the URL: Morocco days <see cref="From"/> and <see cref="To"/> (both included),
/// a site's slug, a person's email (or a user id from a link), a kind of record, an action, and where the page starts.
/// </summary>
public sealed record AuditQuery(string? From, string? To, string? Site, string? Person, string? User, string? Kind, string? Action, string? After)
{
    /// <summary>An email address is at most this long (Identity's column).</summary>
    public const int PersonMaxLength = 256;

    public static AuditQuery Of(IQueryCollection query) => new(Value(query, AuditFields.From), Value(query, AuditFields.To), Value(query, AuditFields.Site),
        Value(query, AuditFields.Person), Value(query, AuditFields.User), Value(query, AuditFields.Kind), Value(query, AuditFields.Action), Value(query, AuditFields.After));

    /// <summary>
    /// The days, kind and action read from the URL, with an error (a resource key) per field that is not acceptable: a day that
    /// is not a date within <see cref="DateRangeLimits"/>, <c>from</c> after <c>to</c>, a kind or an action longer than the column.
    /// </summary>
    public (DateOnly? From, DateOnly? To, string? Kind, string? Action, Dictionary<string, string> Errors) Read()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = Day(From, AuditFields.From, errors);
        var to = Day(To, AuditFields.To, errors);
        if (from > to)
        {
            errors[AuditFields.To] = "Audit.RangeInvalid";
        }

        if (Kind is { Length: > AuditEntry.EntityMaxLength })
        {
            errors[AuditFields.Kind] = "Audit.KindInvalid";
        }

        if (Action is { Length: > AuditEntry.ActionMaxLength })
        {
            errors[AuditFields.Action] = "Audit.ActionInvalid";
        }

        if (Person is { Length: > PersonMaxLength })
        {
            errors[AuditFields.Person] = "Audit.PersonUnknown";
        }

        return (from, to, Kind, Action, errors);
    }

    /// <summary>The filter's fields (not the cursor) as route values, for the next page, the first page and the export.</summary>
    public RouteValueDictionary RouteValues(bool withSite = true)
    {
        var values = new RouteValueDictionary();
        Add(values, AuditFields.From, From);
        Add(values, AuditFields.To, To);
        if (withSite)
        {
            Add(values, AuditFields.Site, Site);
        }

        Add(values, AuditFields.Person, Person);
        Add(values, AuditFields.User, User);
        Add(values, AuditFields.Kind, Kind);
        Add(values, AuditFields.Action, Action);
        return values;
    }

    private static void Add(RouteValueDictionary values, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values[key] = value;
        }
    }

    private static DateOnly? Day(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Validation.DayParameter.TryParse(text, out var day))
        {
            return day;
        }

        errors[field] = DateRangeLimits.OutOfRangeCode;
        return null;
    }

    private static string? Value(IQueryCollection query, string key) => query[key].ToString().Trim() is { Length: > 0 } value ? value : null;
}

/// <summary>The filter the reader runs: instants [<see cref="Start"/>, <see cref="End"/>), a site, the acting users, a kind and an action.</summary>
public sealed record AuditFilter(DateTimeOffset? Start, DateTimeOffset? End, int? SiteId, IReadOnlyList<string>? UserIds, string? Kind, string? Action);
