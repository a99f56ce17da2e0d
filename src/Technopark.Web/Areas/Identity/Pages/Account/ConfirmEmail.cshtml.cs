using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Identity;

namespace Technopark.Web.Areas.Identity.Pages.Account;

/// <summary>The link of the confirmation email: confirms the address, or says the link is bad or expired.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public async Task OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        if (userId is null || !AccountEmails.TryDecode(code, out var token) || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }

        var result = await users.ConfirmEmailAsync(user, token);
        Confirmed = result.Succeeded;
        logger.LogInformation("Email confirmation for {UserId}: {Succeeded}", user.Id, result.Succeeded);
    }
}
