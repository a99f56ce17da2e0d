using Technopark.Web.Pages.Hq;

namespace Technopark.Web;

public static class HqSetup
{
    /// <summary>The network headquarters' reports: set-based queries, a per-day cache, OpenAPI for the API.</summary>
    public static IServiceCollection AddHq(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<HqReports>();
        services.AddOpenApi();
        return services;
    }
}
