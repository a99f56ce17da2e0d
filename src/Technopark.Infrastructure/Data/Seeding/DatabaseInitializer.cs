using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Technopark.Infrastructure.Data.Seeding;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations at start-up (the run command and tests; Production runs them as a deploy step).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Seed demo spaces, companies and assignments. Ignored in Production.</summary>
    public bool SeedDemoData { get; set; }
}

/// <summary>Migrates, then seeds the reference sites (always) and the demo data (demo mode only).</summary>
public sealed class DatabaseInitializer(
    TechnoparkDbContext db,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    IEnumerable<IDemoSeeder> demoSeeders,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(bool isProduction, CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await ReferenceData.ApplyAsync(db, cancellationToken);
        if (options.Value.SeedDemoData && !isProduction)
        {
            var today = clock.Today();
            await DemoData.ApplyAsync(db, today, cancellationToken);
            foreach (var seeder in demoSeeders)
            {
                await seeder.SeedAsync(cancellationToken);
            }

            logger.LogInformation("Demo data present (seeded relative to {Today})", today);
        }
    }
}

/// <summary>Extra demo seeding contributed by other parts of the app (accounts, applications…).</summary>
public interface IDemoSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}

public static class DatabaseInitializerExtensions
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, bool isProduction, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(isProduction, cancellationToken);
    }
}
