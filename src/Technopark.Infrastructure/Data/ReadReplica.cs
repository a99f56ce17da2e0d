using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Technopark.Infrastructure.Data;

/// <summary>
/// The optional read replica (ConnectionStrings:TechnoparkReadOnly, a PostgreSQL streaming standby) and whether it answers.
/// When it does not (connection refused, <see cref="ConnectTimeoutSeconds"/> s without an answer), reads go to the primary, a
/// warning is logged once, and the replica is tried again after <see cref="RetryDelay"/>; /health/ready says so meanwhile.
/// </summary>
public sealed class ReadReplica : IAsyncDisposable
{
    public const string ConnectionStringName = "TechnoparkReadOnly";

    /// <summary>How long a replica that did not answer is left alone before it is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Connect timeout of the replica's connections unless its connection string sets one other than Npgsql's 15 s.</summary>
    public const int ConnectTimeoutSeconds = 2;

    private readonly NpgsqlDataSource? _dataSource;
    private readonly DbContextOptions<TechnoparkDbContext>? _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReadReplica> _logger;
    private readonly Lock _gate = new();
    private DateTimeOffset? _downSince;
    private DateTimeOffset _retryAt;
    private string? _error;

    public ReadReplica(IConfiguration configuration, IEnumerable<IInterceptor> interceptors, TimeProvider clock, ILogger<ReadReplica> logger)
    {
        _clock = clock;
        _logger = logger;
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        _dataSource = DependencyInjection.DataSource(connectionString, "technopark-replica", ConnectTimeoutSeconds);
        var options = new DbContextOptionsBuilder<TechnoparkDbContext>();
        options.UseTechnoparkDatabase(_dataSource).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).AddInterceptors(interceptors);
        _options = options.Options;
    }

    public bool Configured => _dataSource is not null;

    /// <summary>Whether the replica is worth trying now: configured, and either answering or due for another try.</summary>
    public bool ShouldTry()
    {
        lock (_gate)
        {
            return Configured && (_downSince is null || _clock.GetUtcNow() >= _retryAt);
        }
    }

    /// <summary>Since when the replica has not answered (null when it answers or none is configured), and the last error.</summary>
    public (DateTimeOffset? Since, DateTimeOffset RetryAt, string? Error) Down()
    {
        lock (_gate)
        {
            return (_downSince, _retryAt, _error);
        }
    }

    /// <summary>A context on the replica (no tracking: nothing is ever saved through it). The caller disposes it.</summary>
    internal TechnoparkDbContext CreateContext() =>
        new(_options ?? throw new InvalidOperationException($"No read replica: ConnectionStrings:{ConnectionStringName} is not set."));

    /// <summary>
    /// Opens <paramref name="context"/>'s connection (it stays open for the queries that follow) and returns how far the replica
    /// has replayed the primary's WAL; a server that is not a standby (a promoted replica) is as new as it gets.
    /// </summary>
    internal static async Task<ulong> OpenAndReadReplayedAsync(TechnoparkDbContext context, CancellationToken cancellationToken)
    {
        // Opened by Npgsql itself: EF's open would turn a refused connection into its "transient failure" InvalidOperationException.
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_last_wal_replay_lsn()";
        var replayed = await command.ExecuteScalarAsync(cancellationToken);
        return replayed is NpgsqlLogSequenceNumber lsn ? (ulong)lsn : ulong.MaxValue;
    }

    /// <summary>How far the replica has replayed, on a connection of its own (the health check).</summary>
    internal async Task<ulong> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var context = CreateContext();
        return await OpenAndReadReplayedAsync(context, cancellationToken);
    }

    /// <summary>The replica answered: reads may go to it (logged when it had not answered before).</summary>
    internal void Answered()
    {
        lock (_gate)
        {
            if (_downSince is null)
            {
                return;
            }

            _downSince = null;
            _error = null;
        }

        _logger.LogInformation("The read replica answers again: HQ reports, public pages and the API read from it");
    }

    /// <summary>The replica did not answer: reads go to the primary until <see cref="RetryDelay"/> has passed (logged once).</summary>
    internal void Failed(Exception exception)
    {
        bool changed;
        lock (_gate)
        {
            changed = _downSince is null;
            var now = _clock.GetUtcNow();
            _downSince ??= now;
            _retryAt = now + RetryDelay;
            _error = exception.Message;
        }

        _dataSource?.Clear(); // its pooled connections are dead
        if (changed)
        {
            _logger.LogWarning(exception, "The read replica does not answer: reading from the primary, trying the replica again every {RetryDelay}", RetryDelay);
        }
    }

    /// <summary>Whether <paramref name="exception"/> says the replica could not be reached (not a fault of the query).</summary>
    internal static bool IsUnreachable(Exception exception) =>
        exception is NpgsqlException or TimeoutException or IOException || exception.InnerException is NpgsqlException or TimeoutException;

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Where a request's reports and public reads go: the read replica when one is configured and answers, the request only reads
/// (GET or HEAD) and has saved nothing, and the replica has replayed every change this instance knows about
/// (<see cref="DataVersion.WalPosition"/>); the primary otherwise. One decision per request, so that its pages read one
/// consistent state, except that a save on the primary sends every later read of the request to the primary.
/// </summary>
public sealed class ReadOnlyDb : IAsyncDisposable
{
    private readonly TechnoparkDbContext _primary;
    private readonly NpgsqlDataSource _primarySource;
    private readonly ReadReplica _replica;
    private readonly DataVersion _version;
    private readonly IHttpContextAccessor _http;
    private TechnoparkDbContext? _onReplica;
    private bool _decided;
    private bool _wrote;

    public ReadOnlyDb(TechnoparkDbContext primary, NpgsqlDataSource primarySource, ReadReplica replica, DataVersion version, IHttpContextAccessor http)
    {
        _primary = primary;
        _primarySource = primarySource;
        _replica = replica;
        _version = version;
        _http = http;
        _primary.SavedChanges += OnSaved;
    }

    /// <summary>Whether this request's reads go to the replica (known once <see cref="ContextAsync"/> was called).</summary>
    public bool OnReplica => _onReplica is not null && !_wrote;

    /// <summary>The context to read from (never to save through).</summary>
    public async ValueTask<TechnoparkDbContext> ContextAsync(CancellationToken cancellationToken)
    {
        if (_wrote || !_replica.Configured || !ReadsOnly())
        {
            return _primary;
        }

        if (_decided)
        {
            return _onReplica ?? _primary;
        }

        _decided = true;
        if (!_replica.ShouldTry())
        {
            return _primary;
        }

        var required = await RequiredPositionAsync(cancellationToken);
        var context = _replica.CreateContext();
        try
        {
            var replayed = await ReadReplica.OpenAndReadReplayedAsync(context, cancellationToken);
            _replica.Answered();
            if (replayed >= required)
            {
                _onReplica = context;
            }
        }
        catch (Exception e) when (ReadReplica.IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
        {
            _replica.Failed(e);
        }
        finally
        {
            if (_onReplica is null)
            {
                await context.DisposeAsync(); // the replica lags behind a change known here, or is down
            }
        }

        return _onReplica ?? _primary;
    }

    public async ValueTask DisposeAsync()
    {
        _primary.SavedChanges -= OnSaved;
        if (_onReplica is not null)
        {
            await _onReplica.DisposeAsync();
        }
    }

    /// <summary>The primary's WAL position the replica must have replayed: that of the latest change known here.</summary>
    private async Task<ulong> RequiredPositionAsync(CancellationToken cancellationToken)
    {
        if (!_version.PositionPending)
        {
            return _version.WalPosition;
        }

        // A change saved here (or announced) whose position is not known yet: the primary's position now covers it.
        var asOf = _version.Current;
        await using var command = _primarySource.CreateCommand("SELECT pg_current_wal_insert_lsn()");
        var position = (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
        _version.Observe(position, asOf);
        return _version.WalPosition;
    }

    private bool ReadsOnly() =>
        _http.HttpContext?.Request.Method is { } method && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method));

    private void OnSaved(object? sender, SavedChangesEventArgs e) => _wrote = true;
}

/// <summary>/health/ready's "read-replica" entry: Healthy when none is configured or it answers, Degraded (still 200) when reads fall back.</summary>
internal sealed class ReadReplicaHealthCheck(ReadReplica replica) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!replica.Configured)
        {
            return HealthCheckResult.Healthy("No read replica configured: every read goes to the primary.");
        }

        if (replica.ShouldTry())
        {
            try
            {
                var replayed = await replica.ProbeAsync(cancellationToken);
                replica.Answered();
                return HealthCheckResult.Healthy(replayed == ulong.MaxValue
                    ? "The read replica answers (it is not a standby)."
                    : $"The read replica answers; replayed up to {new NpgsqlLogSequenceNumber(replayed)}.");
            }
            catch (Exception e) when (ReadReplica.IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
            {
                replica.Failed(e);
            }
        }

        var (since, retryAt, error) = replica.Down();
        return HealthCheckResult.Degraded(
            $"The read replica does not answer since {since:O}: reading from the primary; next try after {retryAt:O}. {error}");
    }
}
