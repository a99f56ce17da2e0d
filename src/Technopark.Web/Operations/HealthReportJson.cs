using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Technopark.Web.Operations;

/// <summary>
/// /health/ready's body: the overall status and each entry's status and description, in JSON, e.g.
/// <c>{"status":"Degraded","entries":{"database":{"status":"Healthy"},"read-replica":{"status":"Degraded","description":"…"}}}</c>.
/// Exceptions are not written (their messages may name hosts); they are in the log.
/// </summary>
public static class HealthReportJson
{
    public sealed record Entry(string Status, string? Description);

    public sealed record Report(string Status, IReadOnlyDictionary<string, Entry> Entries);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Report(report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new Entry(e.Value.Status.ToString(), e.Value.Description)));
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }
}
