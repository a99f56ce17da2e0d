using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Technopark";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName} or use ./run.sh.");

        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContextPool<TechnoparkDbContext>(options => options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention());

        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<Data.Queries.OccupancyQuery>();
        services.AddSingleton(TimeProvider.System);
        services.AddHealthChecks().AddDbContextCheck<TechnoparkDbContext>("database", tags: ["ready"]);
        return services;
    }
}
