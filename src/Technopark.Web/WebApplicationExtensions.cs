using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using Technopark.Web.Api;
using Technopark.Web.Localization;

namespace Technopark.Web;

public static class WebApplicationExtensions
{
    public static WebApplication UseWeb(this WebApplication app)
    {
        // API answers are ProblemDetails (JSON); pages get a friendly page with a correlation id.
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages
            .UseExceptionHandler("/Error")
            .UseStatusCodePagesWithReExecute("/status/{0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // one year, see AddWeb
        }

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization(Cultures.Options());
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGroup("/api/v1").MapSitesApi().MapOccupancyApi();
        app.MapOpenApi().AllowAnonymous(); // /openapi/v1.json: the API's contract, no data
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
