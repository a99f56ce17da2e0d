using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Technopark.Web.Pages.Hq.Audit;

/// <summary>
/// The CSV of a filtered view of the audit trail (/hq/audit.csv, /manage/{slug}/audit.csv): every matching entry, newest first,
/// streamed (<see cref="CsvStreamResult"/>): id, instant (ISO 8601, UTC), who, site, kind, record, action, before and after (JSON).
/// Values were typed by people (names, messages): one that a spreadsheet would run as a formula is escaped.
/// </summary>
public static class AuditCsv
{
    public static async Task<CsvStreamResult> ResultAsync(AuditTrailReader reader, AuditFilter filter, string fileName, IStringLocalizer l,
        CancellationToken cancellationToken)
    {
        var slugs = (await reader.SitesAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Slug);
        var headers = CsvExport.InFrench(() => (IReadOnlyList<string>)[l["Audit.Col.Id"], l["Audit.Col.At"], l["Audit.Col.User"], l["Audit.Col.Site"],
            l["Audit.Col.Kind"], l["Audit.Col.EntityId"], l["Audit.Col.Action"], l["Audit.Col.Before"], l["Audit.Col.After"]]);
        return new CsvStreamResult(fileName, (body, token) => CsvExport.WriteAsync(body, headers, Rows(reader, filter, slugs, token), token, CsvInjection.Escape));
    }

    /// <summary>An instant as the file carries it: ISO 8601 in UTC, to the microsecond the database keeps.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(AuditTrailReader reader, AuditFilter filter, Dictionary<int, string> slugs,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in reader.AllAsync(filter, cancellationToken))
        {
            yield return [e.Id, Iso(e.At), e.UserEmail, e.SiteId is { } id ? slugs.GetValueOrDefault(id) : null, e.EntityType, e.EntityId, e.Action, e.Before, e.After];
        }
    }
}
