namespace Technopark.Web.Pages.Apply;

/// <summary>Settings of the application flow (section "Applications").</summary>
public sealed class ApplicationOptions
{
    public const string Section = "Applications";

    /// <summary>How many reviews must be done before a manager may decide.</summary>
    public int MinimumReviews { get; set; } = 1;
}

public static class ApplicationsSetup
{
    /// <summary>Online applications: document storage and the shared workflow.</summary>
    public static IServiceCollection AddApplications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApplicationOptions>(configuration.GetSection(ApplicationOptions.Section));
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<DocumentStorage>();
        services.AddScoped<ApplicationWorkflow>();
        return services;
    }
}
