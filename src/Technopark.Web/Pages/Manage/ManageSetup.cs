namespace Technopark.Web.Pages.Manage;

public static class ManageSetup
{
    /// <summary>A site's management pages: the assignment service (transaction, lock, audit) and the change history.</summary>
    public static IServiceCollection AddManage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AssignmentOptions>(configuration.GetSection(AssignmentOptions.Section));
        services.AddScoped<AssignmentService>();
        services.AddScoped<History>();
        return services;
    }
}
