using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Data.Roles;

namespace Technopark.Infrastructure.Data.Seeding;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Apply pending migrations at start-up (the run command and tests; Production runs them as a deploy step).
    /// They run with <c>ConnectionStrings:TechnoparkMigrations</c> (the schema owner), which then grants the
    /// app's own role what it needs; without it, with the app's connection (a single-role deployment).
    /// </summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Seed demo spaces, companies and assignments. In Production only with <see cref="AllowDemoDataInProduction"/>.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// The run command serves a production-like demo: Production settings with the demo data. A second,
    /// explicit key, so that one stray setting never puts demo logins into a real deployment.
    /// </summary>
    public bool AllowDemoDataInProduction { get; set; }
}

/// <summary>Migrates, then seeds the reference sites (always) and the demo data (demo mode only).</summary>
public sealed class DatabaseInitializer(
    TechnoparkDbContext db,
    IConfiguration configuration,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    IEnumerable<IDemoSeeder> demoSeeders,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(bool isProduction, CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
        }

        await ReferenceData.ApplyAsync(db, cancellationToken);
        if (options.Value.SeedDemoData && (!isProduction || options.Value.AllowDemoDataInProduction))
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

    /// <summary>
    /// Applies pending migrations with the owner's connection (<c>ConnectionStrings:TechnoparkMigrations</c>),
    /// then grants the app's role (the user of <c>ConnectionStrings:Technopark</c>) what it needs; without
    /// the owner's connection, migrates with the app's own (a single-role deployment).
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var owner = configuration.GetConnectionString(DependencyInjection.MigrationsConnectionStringName);
        if (string.IsNullOrWhiteSpace(owner))
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // Unpooled: no connection with the owner's rights stays open once the migrations are done.
        owner = new Npgsql.NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString;
        var ownerOptions = new DbContextOptionsBuilder<TechnoparkDbContext>();
        ownerOptions.UseTechnoparkDatabase(owner);
        await using (var ownerDb = new TechnoparkDbContext(ownerOptions.Options))
        {
            await ownerDb.Database.MigrateAsync(cancellationToken);
        }

        var app = configuration.GetConnectionString(DependencyInjection.ConnectionStringName) ?? string.Empty;
        await DatabaseGrants.ApplyAsync(owner, app, cancellationToken);
        logger.LogInformation("Migrations applied as the schema owner; the app role's grants are up to date");
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

    /// <summary>The deploy step (<c>--migrate</c>): migrations and grants only, nothing served.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
    }
}
