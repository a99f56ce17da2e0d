using System.Diagnostics;

namespace Technopark.Web.Operations;

/// <summary>
/// The id a user quotes to support: shown on the error page and written on the request's log line
/// (CorrelationId), and the trace id of the request when tracing is on.
/// </summary>
public static class Correlation
{
    public static string Id(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
