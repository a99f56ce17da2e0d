namespace Technopark.Web.Pages.Sites;

public static class SitesSetup
{
    /// <summary>The public site pages and the API read the sites through one directory.</summary>
    public static IServiceCollection AddSites(this IServiceCollection services)
    {
        services.AddScoped<SiteDirectory>();
        return services;
    }
}
