using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Technopark.Domain.Staff;

namespace Technopark.Web.Authorization;

/// <summary>
/// One role model (DESIGN.md, "Roles, one model"):
/// <list type="bullet">
/// <item><c>NetworkAdmin</c> (network HQ) is the only Identity role (<see cref="Roles"/>); it reads every site.</item>
/// <item>Every per-site role (<see cref="SiteRole.SiteManager"/>, <see cref="SiteRole.Reviewer"/>) is a row of
/// <c>site_staff</c> (person, site, role); <see cref="SiteAccessHandler"/> reads it on each request, never a copy.</item>
/// <item>Applicants are any signed-in user; what they own (applications) is checked by owner id in the pages.</item>
/// </list>
/// Pages: the fallback policy wants a signed-in user; /Hq carries <see cref="Policies.NetworkAdmin"/>; every page
/// under /Manage carries <see cref="Policies.SiteStaff"/> for its <c>{slug}</c> (folder conventions in
/// <c>AddWeb</c>) and derives from <see cref="SitePageModel"/>, which asks for the page's own policy.
/// </summary>
public static class AuthorizationSetup
{
    /// <summary>
    /// Every endpoint requires a signed-in user unless marked public ([AllowAnonymous]); /hq is for
    /// NetworkAdmin; site scope is checked per request by <see cref="SiteAccessHandler"/>.
    /// </summary>
    public static IServiceCollection AddTechnoparkAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.NetworkAdmin, policy => policy.RequireRole(Roles.NetworkAdmin))
            .AddPolicy(Policies.SiteStaff, policy => policy.RequireAuthenticatedUser().AddRequirements(new SiteAccessRequirement(ManagersOnly: false)))
            .AddPolicy(Policies.SiteManager, policy => policy.RequireAuthenticatedUser().AddRequirements(new SiteAccessRequirement(ManagersOnly: true)))
            .AddPolicy(Policies.SiteMember, policy => policy.RequireAuthenticatedUser().AddRequirements(new SiteAccessRequirement(ManagersOnly: false, StaffOnly: true)));
        services.AddScoped<IAuthorizationHandler, SiteAccessHandler>();

        // Pages: 401 → sign-in page, 403 → the friendly 403 page (status kept). API: ProblemDetails, never a redirect.
        services.ConfigureApplicationCookie(options =>
        {
            options.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized)
                : Redirect(context);
            options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden)
                : Status(context.HttpContext, StatusCodes.Status403Forbidden);
        });
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static async Task WriteProblemAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status },
        });
    }
}
