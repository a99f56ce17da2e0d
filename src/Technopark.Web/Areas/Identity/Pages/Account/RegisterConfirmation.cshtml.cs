using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>"Check your inbox": the same page whether the address was new or already known.</summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
