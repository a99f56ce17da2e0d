using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.Web.Seeding;

public static class DemoSeedingSetup
{
    /// <summary>
    /// The Web half of the demo data. <see cref="DatabaseInitializer"/> is the one entry point: it seeds the
    /// reference sites, then (demo mode only) <see cref="DemoData"/> (spaces, companies, assignments), then these
    /// seeders in the order registered here — the accounts first, because the applications need their users.
    /// They live in Web because they need Identity's <c>UserManager</c> and the document storage.
    /// </summary>
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services)
    {
        services.AddScoped<IDemoSeeder, DemoAccounts>();
        services.AddScoped<IDemoSeeder, DemoResidents>();
        services.AddScoped<IDemoSeeder, DemoReporting>(); // after the residents' seeder (it finds Bab Bahr Robotics by name)
        services.AddScoped<IDemoSeeder, DemoProfiles>();
        services.AddScoped<IDemoSeeder, DemoApplications>();
        services.AddScoped<IDemoSeeder, DemoThread>(); // after the residents' seeder: it needs "Bab Bahr Robotics SARL"
        services.AddScoped<IDemoSeeder, DemoRooms>(); // after the residents' seeder: Bab Bahr Robotics books rooms at Tanger
        services.AddScoped<IDemoSeeder, DemoBilling>(); // after the residents' and rooms' seeders: it bills their stays and bookings
        services.AddScoped<IDemoSeeder, DemoProgrammes>(); // after the accounts (coach.tanger@) and the residents (Bab Bahr Robotics)
        services.AddScoped<IDemoSeeder, DemoEvents>(); // after the rooms' seeder: its events book rooms around the demo bookings
        services.AddScoped<IDemoSeeder, DemoPasses>();
        services.AddScoped<IDemoSeeder, DemoAudit>(); // last: it writes the trail of the accounts' roles and the stays seeded before
        return services;
    }
}
