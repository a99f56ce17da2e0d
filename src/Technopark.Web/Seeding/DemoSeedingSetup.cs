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
        services.AddScoped<IDemoSeeder, DemoProfiles>();
        services.AddScoped<IDemoSeeder, DemoApplications>();
        return services;
    }
}
