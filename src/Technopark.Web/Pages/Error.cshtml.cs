using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Technopark.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The id to quote to support; it is the trace id in the logs.</summary>
    public string CorrelationId { get; private set; } = string.Empty;

    public void OnGet() => CorrelationId = Operations.Correlation.Id(HttpContext);

    public void OnPost() => OnGet();
}
