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

    /// <summary>The schema owner's connection, for migrations only (the app itself runs with a least-privilege role).</summary>
    public const string MigrationsConnectionStringName = "TechnoparkMigrations";

    /// <summary>EF Core's history table, named like every other table (snake_case).</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        // Resolved when first used, so that hosts and tests can still change the configuration.
        services.AddSingleton(provider =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException(
                    $"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName} or use ./run.sh.")
                : DataSource(connectionString);
        });
        // Interceptors registered in DI (e.g. a command counter in tests) are attached to every context.
        services.AddDbContextPool<TechnoparkDbContext>((provider, options) =>
            UseTechnoparkDatabase(options, provider.GetRequiredService<NpgsqlDataSource>())
                .AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));

        services.AddSingleton<DataVersion>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, DataVersionInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, PreparedStatements>();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<ReadReplica>();
        services.AddScoped<ReadOnlyDb>();
        services.AddScoped(provider => new Data.Queries.NetworkQueries(provider.GetRequiredService<ReadOnlyDb>()));
        services.AddHostedService<DataVersionListener>();
        services.AddScoped<Email.EmailOutbox>();
        services.AddScoped<Auditing.AuditTrail>();
        services.AddSingleton(TimeProvider.System);
        services.AddHealthChecks().AddDbContextCheck<TechnoparkDbContext>("database", tags: ["ready"])
            .AddCheck<ReadReplicaHealthCheck>("read-replica", tags: ["ready"])
            .AddCheck<CacheCoherenceHealthCheck>("cache-coherence", tags: ["ready"]);
        return services;
    }

    /// <summary>The app's pool's name, in its metrics.</summary>
    public const string PoolName = "technopark";

    /// <summary>
    /// The app's pool (named in metrics). PostgreSQL's JIT is off unless the connection string says otherwise: compiling a plan costs
    /// more than it saves on the app's short statements (464 ms on the network's aged receivables, scripts/benchmark-billing.sh).
    /// A connection going back to the pool is not reset: the app keeps no state in a session (no SET outside a transaction, no
    /// session advisory lock, no temporary table, no LISTEN on a pooled connection), and the reset statement Npgsql prepends to the
    /// next command (PostgreSQL's DISCARD ALL, or six statements when the connection holds <see cref="Data.PreparedStatements"/>)
    /// cost 0.06 to 0.13 ms of the server's time on every query of every request.
    /// Public for the HQ benchmark, whose raw SQL floor runs in a session set as the app's.
    /// </summary>
    public static NpgsqlDataSource DataSource(string connectionString, string name = PoolName, int? connectTimeoutSeconds = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = name };
        builder.ConnectionStringBuilder.Options ??= "-c jit=off";
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (connectTimeoutSeconds is { } timeout && builder.ConnectionStringBuilder.Timeout == new NpgsqlConnectionStringBuilder().Timeout)
        {
            builder.ConnectionStringBuilder.Timeout = timeout;
        }

        return builder.Build();
    }

    /// <summary>The one place that says how the context talks to PostgreSQL (app, design time, tests).</summary>
    public static DbContextOptionsBuilder UseTechnoparkDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention();

    /// <inheritdoc cref="UseTechnoparkDatabase(DbContextOptionsBuilder, NpgsqlDataSource)"/>
    public static DbContextOptionsBuilder UseTechnoparkDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention();
}
