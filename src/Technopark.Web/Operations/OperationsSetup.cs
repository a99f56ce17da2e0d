using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Operations;

/// <summary>
/// What a real deployment needs around the app: Data Protection keys encrypted at rest, metrics for
/// Prometheus, request logs carrying the correlation id of the error page, a graceful shutdown.
/// </summary>
public static class OperationsSetup
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddTechnoparkDataProtection(configuration, builder.Environment, TimeProvider.System); // before the container exists: the system clock
        services.AddTechnoparkMetrics(configuration);
        services.AddOptions<Serilog.AspNetCore.RequestLoggingOptions>().Configure<Serilog.ILogger>((options, logger) =>
        {
            options.Logger = logger; // this host's logger, not the static one
            options.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("CorrelationId", Correlation.Id(http));
        });
        // On SIGTERM Kestrel stops accepting, lets in-flight requests finish and the outbox sender ends its
        // batch, within this time (default 30 s; the orchestrator's grace period should be longer).
        services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Host:ShutdownTimeoutSeconds", 30)));
        services.Replace(ServiceDescriptor.Scoped<SignInManager<ApplicationUser>, MeteredSignInManager>());
        return builder;
    }

    /// <summary>First in the pipeline: /metrics answers only the addresses allowed to scrape it.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseMiddleware<MetricsAccess>();
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path(app.Configuration)).AllowAnonymous();
        return app;
    }
}
