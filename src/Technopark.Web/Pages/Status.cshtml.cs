using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Technopark.Web.Pages;

/// <summary>The friendly page behind 403, 404, 429 and other error codes of pages.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Key => Code is 403 or 404 or 413 or 429 ? Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "Other";

    public void OnGet(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }

    public void OnPost(int code) => OnGet(code);
}
