using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Technopark.TestSupport;

/// <summary>
/// Counts the SQL commands EF Core sends, per request path (the app's own background jobs, which run
/// outside any request, are kept apart). Register it as a singleton <see cref="IInterceptor"/>: the
/// app attaches DI-registered interceptors to every context. Batches sent through Npgsql itself are not seen: HQ's day read
/// together (<c>NetworkQueries.SitesAndPipelineAsync</c>, <c>SitesAndTrendAsync</c>: two set-based statements, one round trip).
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private const string NoRequest = "";

    // HttpContextAccessor keeps the current context in a static AsyncLocal, which the app sets for each request.
    private readonly HttpContextAccessor _http = new();
    private readonly ConcurrentDictionary<string, int> _byPath = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Commands sent while serving requests to <paramref name="path"/> (without the query string) since the last reset.</summary>
    public int For(string path) => _byPath.GetValueOrDefault(path);

    public void Reset() => _byPath.Clear();

    /// <summary>
    /// Starts counting afresh as after a saved change: the data version of <paramref name="app"/> moves, so the next page reads
    /// again what a signed-in page keeps until a change (the person's navigation, <c>StaffDirectory</c>). Counts taken on both
    /// sides of a change of the data then compare, whenever the change's notification arrives.
    /// </summary>
    public void ResetAsAfterChange(IServiceProvider app)
    {
        app.GetRequiredService<Technopark.Infrastructure.Data.DataVersion>().Bump();
        Reset();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private void Count() => _byPath.AddOrUpdate(_http.HttpContext?.Request.Path.Value ?? NoRequest, 1, (_, n) => n + 1);
}
