using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using Technopark.Web.Api;
using Technopark.Web.Hosting;
using Technopark.Web.Localization;
using Technopark.Web.Operations;

namespace Technopark.Web;

public static class WebApplicationExtensions
{
    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseTechnoparkForwardedHeaders();
        // API answers are ProblemDetails (JSON); pages get a friendly page with a correlation id.
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages
            .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = StatusOf })
            .UseStatusCodePagesWithReExecute("/status/{0}")
            .Use(ForgetHandlerOnErrorPages));
        // Hsts:Enabled=false only where there is no TLS at all (the run command's local demo).
        if (!app.Environment.IsDevelopment() && app.Configuration.GetValue("Hsts:Enabled", true))
        {
            app.UseHsts(); // one year, see AddWeb
        }

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization(Cultures.Options());
        app.UseStaticFiles();
        app.UseRouting();
        app.UsePageMethodsOnly();
        app.UseRequestCommandTimeout(app.Configuration);
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
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportJson.WriteAsync, // the entries' detail (a read replica that fell back, say); codes unchanged
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The error and status pages are re-executed with the failed request's query string; a page handler
    /// named there (?handler=Preview) must not turn them into a 404.
    /// </summary>
    private static Task ForgetHandlerOnErrorPages(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments("/status") || context.Request.Path.StartsWithSegments("/Error"))
        {
            context.Request.QueryString = QueryString.Empty;
        }

        return next();
    }

    /// <summary>A request body over the limits is the client's doing (413), not a server error.</summary>
    private static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status413PayloadTooLarge,
        _ when RequestCommandTimeout.IsTimeout(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
