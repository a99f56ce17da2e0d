namespace Technopark.Web.Pages.Events;

public static class EventsSetup
{
    /// <summary>Events: creation with the room booking, registration (double opt-in, waiting list), check-in (one line each).</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services) =>
        services
            .AddScoped<EventService>()
            .AddScoped<Hq.EventFigures>()
            .AddScoped<PublicEvents>()
            .AddScoped<RegistrationMail>()
            .AddScoped<RegistrationService>();
}
