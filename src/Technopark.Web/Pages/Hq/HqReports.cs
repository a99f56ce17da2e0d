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

    /// <summary>The sites and the pipeline of a day (/hq): in one round trip when neither is kept.</summary>
    public Task<(IReadOnlyList<SiteDay> Sites, IReadOnlyList<PipelineRow> Pipeline)> SitesAndPipelineAsync(DateOnly day, CancellationToken cancellationToken) =>
        WithSitesAsync("pipeline", day, () => queries.PipelineAsync(day, cancellationToken), () => queries.SitesAndPipelineAsync(day, cancellationToken), cancellationToken);

    /// <summary>The sites and the trend of a day (/hq/trend): in one round trip when neither is kept.</summary>
    public Task<(IReadOnlyList<SiteDay> Sites, IReadOnlyList<TrendPoint> Trend)> SitesAndTrendAsync(DateOnly day, CancellationToken cancellationToken) =>
        WithSitesAsync("trend", day, () => queries.TrendAsync(day, cancellationToken), () => queries.SitesAndTrendAsync(day, cancellationToken), cancellationToken);

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
        where T : class
    {
        var key = Key(what, day);
        if (key is not null && cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await load();
        Keep(key, day, value);
        return value;
    }

    /// <summary>The day's sites and another figure: both read in one round trip unless one of them is kept.</summary>
    private async Task<(IReadOnlyList<SiteDay>, T)> WithSitesAsync<T>(
        string what, DateOnly day, Func<Task<T>> alone, Func<Task<(IReadOnlyList<SiteDay>, T)>> together, CancellationToken cancellationToken)
        where T : class
    {
        var (sitesKey, otherKey) = (Key("sites", day), Key(what, day));
        if (sitesKey is not null && otherKey is not null && (cache.TryGetValue(sitesKey, out _) || cache.TryGetValue(otherKey, out _)))
        {
            return (await SitesOnAsync(day, cancellationToken), await CachedAsync(what, day, alone));
        }

        var (sites, other) = await together();
        Keep(sitesKey, day, sites);
        Keep(otherKey, day, other);
        return (sites, other);
    }

    /// <summary>
    /// Where a figure of a day is kept: a saved change moves the key (never an answer older than the data). None while changes
    /// of other instances are not heard (a kept answer could be older than the data): the figures are then read every time.
    /// </summary>
    private object? Key(string what, DateOnly day) => version.Coherent ? ("hq", what, day, version.Current) : null;

    private void Keep(object? key, DateOnly day, object value)
    {
        if (key is not null)
        {
            var lifetime = day < clock.Today() ? PastDayLifetime : CurrentDayLifetime;
            cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = Math.Max(1, (value as System.Collections.ICollection)?.Count ?? 1) });
        }
    }
}
