using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Technopark.Web.Pages.Hq;

/// <summary>The network headquarters' home: the tools HQ has.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
