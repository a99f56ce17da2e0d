namespace Technopark.Web.Pages.Programmes;

public static class ProgrammesSetup
{
    /// <summary>Programmes, enrolments, coaching and milestones: the services their pages share (one line each).</summary>
    public static IServiceCollection AddProgrammes(this IServiceCollection services) =>
        services
            .AddScoped<CoachingService>()
            .AddScoped<CoachHome>()
            .AddScoped<Manage.Programmes.ProgrammeService>()
            .AddScoped<Manage.Programmes.CoachMail>()
            .AddScoped<ProgrammeFiguresReader>();
}
