using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;
using Technopark.Web.Pages.Hq;

namespace Technopark.IntegrationTests.Hq;

/// <summary>HQ's per-day cache counts each day's figures by their rows and keeps no more rows than its limit.</summary>
public sealed class HqCacheBoundTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ManyDaysAsked_CacheKeepsAtMostItsLimitInRows()
    {
        var version = app.Factory.Services.GetRequiredService<DataVersion>();
        for (var i = 0; i < 200 && !version.Coherent; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(version.Coherent, "The data-version listener listens (else nothing is cached).");
        await using var db = app.Database.CreateContext();
        var queries = new NetworkQueries(db);
        var first = new DateOnly(2031, 3, 1);
        var rows = (await queries.SitesOnAsync(first, CancellationToken.None)).Count;
        Assert.True(rows > 1, "A day's figures have a row per site.");

        // Room for three days of sites: the fourth day on is not kept, and the size is counted in rows, not entries (no
        // compaction in the background here, which would make room again at a moment of its own).
        using var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = (rows * 3) + 1, TrackStatistics = true, CompactionPercentage = 0 });
        var reports = new HqReports(queries, cache, version, TimeProvider.System);
        for (var d = 0; d < 10; d++)
        {
            Assert.Equal(rows, (await reports.SitesOnAsync(first.AddDays(d), CancellationToken.None)).Count);
        }

        var statistics = cache.GetCurrentStatistics()!;
        Assert.Equal(3, statistics.CurrentEntryCount);
        Assert.Equal(rows * 3, statistics.CurrentEstimatedSize);
    }

    [Fact]
    public void App_BoundsItsCache()
    {
        var options = app.Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MemoryCacheOptions>>().Value;
        Assert.Equal(HqReports.CachedRows, options.SizeLimit);
    }
}
