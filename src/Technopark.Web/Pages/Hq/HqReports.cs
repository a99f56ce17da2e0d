using Microsoft.Extensions.Caching.Memory;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Domain.Network;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// HQ's figures for a day, each from one SQL statement, kept in memory per day: ten minutes for a past
/// day, thirty seconds for today or a future day, and never past a change saved by any instance (<see cref="DataVersion"/>,
/// which hears the others through PostgreSQL notifications; while it cannot, the cache stands aside). The cache holds figures only;
/// who may see them is checked on every request by the /Hq folder policy.
/// </summary>
public sealed class HqReports(NetworkQueries queries, IMemoryCache cache, DataVersion version, TimeProvider clock)
{
    public static readonly TimeSpan PastDayLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan CurrentDayLifetime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Rows of figures the per-day cache keeps at most, all days together (an entry's size is its number of rows; a session
    /// remembered by SessionValidation counts one). Past it, new entries are not kept and the least recently used go: someone
    /// exploring hundreds of days of a network of hundreds of sites (a trend is 24 rows per site) does not grow the process.
    /// About 200 bytes a row at most: 40 MB.
    /// </summary>
    public const long CachedRows = 200_000;

    /// <summary>The day asked for (?on=YYYY-MM-DD), else today in Morocco.</summary>
    public DateOnly Day(string? on) =>
        Validation.DayParameter.OrToday(on, clock.Today());

    public Task<IReadOnlyList<SiteDay>> SitesOnAsync(DateOnly day, CancellationToken cancellationToken) =>
        CachedAsync("sites", day, () => queries.SitesOnAsync(day, cancellationToken));

    public Task<IReadOnlyList<TrendPoint>> TrendAsync(DateOnly day, CancellationToken cancellationToken) =>
        CachedAsync("trend", day, () => queries.TrendAsync(day, cancellationToken));

    public Task<IReadOnlyList<PipelineRow>> PipelineAsync(DateOnly day, CancellationToken cancellationToken) =>
        CachedAsync("pipeline", day, () => queries.PipelineAsync(day, cancellationToken));

    /// <summary>The mode asked for (?figures=declared), else validated declarations only.</summary>
    public static FiguresMode Mode(string? figures) => ReportedFigures.ModeOf(figures);

    public Task<KpiFigures> KpiFiguresAsync(DateOnly day, FiguresMode mode, CancellationToken cancellationToken) =>
        CachedAsync($"kpis-{ReportedFigures.KeyOf(mode)}", day, () => queries.KpisAsync(day, mode, cancellationToken));

    public static NetworkDay Network(IEnumerable<SiteDay> sites)
    {
        var operational = sites.Where(s => s.CountsInNetworkFigures).ToList();
        return new NetworkDay(operational.Sum(s => s.OfficesTotal), operational.Sum(s => s.OfficesOccupied),
            operational.Sum(s => s.SeatsTotal), operational.Sum(s => s.SeatsOccupied),
            operational.Sum(s => s.EndingSoon), operational.Sum(s => s.Waiting));
    }

    /// <summary>The KPIs on a day, in display order. Two SQL statements (occupancy, outcomes), both cached.</summary>
    public async Task<IReadOnlyList<Kpi>> KpisAsync(DateOnly day, FiguresMode mode, CancellationToken cancellationToken)
    {
        var network = Network(await SitesOnAsync(day, cancellationToken));
        var f = await KpiFiguresAsync(day, mode, cancellationToken);
        return NetworkKpis.Compute(network, f);
    }

    private async Task<T> CachedAsync<T>(string what, DateOnly day, Func<Task<T>> load)
    {
        if (!version.Coherent)
        {
            return await load(); // changes of other instances are not heard now: a cached answer could be older than the data
        }

        var key = ("hq", what, day, version.Current); // a saved change moves the key: never an answer older than the data
        if (cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await load();
        var lifetime = day < clock.Today() ? PastDayLifetime : CurrentDayLifetime;
        cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = Math.Max(1, (value as System.Collections.ICollection)?.Count ?? 1) });
        return value;
    }
}
