namespace Technopark.Web.Pages.Hq;

public static class HqSetup
{
    /// <summary>The network headquarters' reports: set-based queries and a per-day cache.</summary>
    public static IServiceCollection AddHq(this IServiceCollection services)
    {
        services.AddMemoryCache(options => options.SizeLimit = HqReports.CachedRows);
        services.AddScoped<HqReports>();
        services.AddScoped<Sites.SiteAdministration>();
        services.AddScoped<Audit.AuditTrailReader>();
        return services;
    }
}
