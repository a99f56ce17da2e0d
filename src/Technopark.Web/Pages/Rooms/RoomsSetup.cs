namespace Technopark.Web.Pages.Rooms;

public static class RoomsSetup
{
    /// <summary>Shared rooms: the catalogue of a site's rooms and free times, and the booking service (transaction, audit, emails).</summary>
    public static IServiceCollection AddRooms(this IServiceCollection services) =>
        services.AddScoped<RoomCatalog>().AddScoped<BookingService>().AddScoped<RoomUsage>()
            .AddScoped<BookingCalendar>().AddScoped<BookingMail>().AddScoped<CalendarFeeds>()
            .AddScoped<RoomSchedule>();
}
