namespace Technopark.Web.Pages.Manage.Passes;

public static class PassesSetup
{
    /// <summary>Digital nomads' coworking passes (one line each).</summary>
    public static IServiceCollection AddPasses(this IServiceCollection services) =>
        services.AddScoped<PassService>();
}
