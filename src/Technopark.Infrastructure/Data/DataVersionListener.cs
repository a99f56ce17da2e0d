using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Technopark.Infrastructure.Data;

/// <summary>
/// Keeps <see cref="DataVersion"/> in step with changes made by other instances (and by raw SQL): statement triggers on the
/// watched tables (migration InstancesNotify) <c>pg_notify</c> <see cref="Channel"/>, which PostgreSQL delivers at commit; this
/// service LISTENs on a dedicated connection and bumps the version on each delivery. When a read replica is configured it also
/// reads the primary's WAL position after the delivery (so after the commit), the position a replica must have replayed before it
/// is read. When the connection fails it is opened again every <see cref="RetryDelay"/>; meanwhile <see cref="DataVersion.Coherent"/>
/// is false (caches stand aside), and the version is bumped once listening again, for what was missed. It also LISTENs on
/// <see cref="AccountsChannel"/> and moves <see cref="DataVersion.Accounts"/> on each delivery.
/// </summary>
public sealed class DataVersionListener(
    IConfiguration configuration, DataVersion version, ReadReplica replica, TimeProvider clock, ILogger<DataVersionListener> logger)
    : BackgroundService
{
    /// <summary>The channel the triggers notify (migration InstancesNotify).</summary>
    public const string Channel = "technopark_data_version";

    /// <summary>The channel of account changes (migration AccountsNotify): <see cref="DataVersion.Accounts"/> moves at once.</summary>
    public const string AccountsChannel = "technopark_accounts";

    /// <summary>The listening connection's application_name (pg_stat_activity).</summary>
    public const string ApplicationName = "technopark-data-version";

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private NpgsqlConnection? _connection;
    private volatile bool _notified;
    private bool? _listening;

    /// <summary>Listens before the app serves, so that its caches may serve from the first request.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _connection = await TryListenAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connection = _connection;
        _connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                connection ??= await TryListenAsync(stoppingToken);
                if (connection is null)
                {
                    await Task.Delay(RetryDelay, clock, stoppingToken);
                    continue;
                }

                try
                {
                    await connection.WaitAsync(stoppingToken);
                    if (_notified)
                    {
                        _notified = false;
                        await ChangedAsync(connection, stoppingToken);
                    }
                }
                catch (Exception e) when (IsConnectionFailure(e) && !stoppingToken.IsCancellationRequested)
                {
                    Lost(e);
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            version.Listening(false);
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection?> TryListenAsync(CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DependencyInjection.ConnectionStringName))
        {
            Pooling = false, // a connection of its own, for as long as the app runs
            ApplicationName = ApplicationName,
            KeepAlive = 5, // a server that went away is noticed while waiting
            Timeout = 5,
        };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Notification += (_, e) =>
        {
            if (e.Channel == AccountsChannel)
            {
                version.BumpAccounts(); // nothing to read: the next request of each session checks it in the database
            }
            else
            {
                _notified = true;
            }
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; LISTEN {AccountsChannel}", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            await ChangedAsync(connection, cancellationToken); // whatever changed while nobody listened
            version.BumpAccounts();
            version.Listening(true);
            if (_listening != true)
            {
                logger.LogInformation("Listening for data changes of every instance on {Channel}", Channel);
            }

            _listening = true;
            return connection;
        }
        catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            Lost(e);
            return null;
        }
    }

    private async Task ChangedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var current = version.Bump();
        if (replica.Configured)
        {
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", connection);
            version.Observe((ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!, current);
        }
    }

    private void Lost(Exception exception)
    {
        version.Listening(false);
        if (_listening != false)
        {
            logger.LogWarning(exception, "Not listening for data changes of other instances: cached figures are bypassed; trying again every {RetryDelay}",
                RetryDelay);
        }

        _listening = false;
    }

    private static bool IsConnectionFailure(Exception exception) =>
        exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException;
}

/// <summary>/health/ready's "cache-coherence" entry: Degraded (still 200) while changes of other instances are not heard.</summary>
internal sealed class CacheCoherenceHealthCheck(DataVersion version) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(version.Coherent
            ? HealthCheckResult.Healthy($"Listening on {DataVersionListener.Channel}: changes of every instance reach the cached figures.")
            : HealthCheckResult.Degraded($"Not listening on {DataVersionListener.Channel}: cached figures are bypassed until it reconnects."));
}
