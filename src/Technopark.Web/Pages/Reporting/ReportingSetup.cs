namespace Technopark.Web.Pages.Reporting;

public static class ReportingSetup
{
    /// <summary>Declarations: the service shared by the company's reporting tab and the site's follow-up pages.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services) => services.AddScoped<ReportingService>();
}
