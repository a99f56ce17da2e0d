using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Web.Identity;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages;

/// <summary>Remembers the chosen language in a cookie for a year (and on the account) and goes back to the page.</summary>
public sealed class LanguageModel(UserLanguage language, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (Cultures.Names.Contains(culture))
        {
            if (User.Identity?.IsAuthenticated == true)
            {
                await language.RememberAsync(User, culture); // emails sent to this person follow
            }

            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
