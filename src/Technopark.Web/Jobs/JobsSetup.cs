namespace Technopark.Web.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Background jobs (STYLE.md: a <c>BackgroundService</c> with a <c>PeriodicTimer</c>, a new scope per run,
    /// <c>TimeProvider</c>). The outbox sender is a singleton too, so that tests and the shutdown path can run it.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
