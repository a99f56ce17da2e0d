using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Technopark.TestSupport;

/// <summary>
/// Counts the SQL round trips the app makes to PostgreSQL per request path: each command or batch Npgsql executes, whether EF
/// Core sends it or the app reads through Npgsql itself (HQ's figures), seen through Npgsql's tracing (one activity per round
/// trip; opening a physical connection and preparing are not counted). Register it as a singleton of the app under test
/// (<c>services.AddSingleton(counter)</c>): a request counts for the counter its own services hold, so tests running side by
/// side in the same process, each with its app, do not count each other's requests.
/// </summary>
public sealed class SqlCommandCounter
{
    /// <summary>One listener for the process: the test runs hold many apps, each request finds its app's counter.</summary>
    private static readonly ActivityListener Listener = new()
    {
        ShouldListenTo = source => source.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        ActivityStopped = Stopped,
    };

    // HttpContextAccessor keeps the current context in a static AsyncLocal, which the app sets for each request.
    private static readonly HttpContextAccessor Http = new();

    private readonly ConcurrentDictionary<string, int> _byPath = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Listening from before the first counter exists.</summary>
    static SqlCommandCounter() => ActivitySource.AddActivityListener(Listener);

    /// <summary>Round trips made while serving requests to <paramref name="path"/> (without the query string) since the last reset.</summary>
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

    /// <summary>A command or a batch (the query's text is traced); a physical connection's opening is not.</summary>
    private static void Stopped(Activity activity)
    {
        if (activity.GetTagItem("db.query.text") is null || Http.HttpContext is not { } context)
        {
            return;
        }

        try
        {
            context.RequestServices?.GetService<SqlCommandCounter>()?._byPath.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
        }
        catch (ObjectDisposedException)
        {
            // the request ended while its last reader was being disposed: nothing of the app's left to count for
        }
    }
}
