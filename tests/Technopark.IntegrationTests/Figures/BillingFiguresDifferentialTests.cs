using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Billing;
using Npgsql;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.TestSupport;
using Technopark.Web.Pages.Manage.Billing;
using Xunit.Abstractions;

namespace Technopark.IntegrationTests.Figures;

/// <summary>
/// The differential test of the billing figures: random billing (<see cref="RandomBilling"/>) over random networks of the HQ
/// figures' harness (<see cref="RandomNetwork"/>, its fixture, seeds and reports), then on each of the network's days
/// <see cref="BillingFigures"/> (network and each site), <see cref="Receivables.AgingAsync"/> (per site, per company of each
/// site, network) and <see cref="Receivables.CreditsAsync"/> compared with <see cref="ReferenceBilling"/>; on 2 days the same over
/// HTTP (/hq/billing, each listed site's summary, and its aged receivables page once it exists). The billing blocks the
/// database keeps (<see cref="BillingFacts"/>) equal a rebuild after each seed's billing. A failure names the seed, the day,
/// the site and the figure; replay with TECHNOPARK_FIGURES_SEED.
/// </summary>
public sealed partial class BillingFiguresDifferentialTests(DifferentialFiguresTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<DifferentialFiguresTests.Fixture>
{
    /// <summary>
    /// Seeds run every time: one of the HQ figures' regression seeds, with a closed site billing; and one whose credit notes and
    /// payment shares fall on the counted days of months when their invoices were overdue (it finds an overdue that counts a
    /// covering from the day after it, which the first seed does not).
    /// </summary>
    public static readonly IReadOnlyList<int> RegressionSeeds = [DifferentialFiguresTests.RegressionSeeds[0], 405071439];

    private const int DaysPerNetwork = 28;
    private const int HttpDaysPerNetwork = 2;
    private const int RandomNetworks = 2;

    [Fact]
    public async Task BillingFigures_RegressionAndRandomSeeds_EqualTheReference()
    {
        var failures = new List<string>();
        foreach (var seed in RegressionSeeds.Concat(DifferentialFiguresTests.SeedsOfThisRun(RandomNetworks, output)))
        {
            failures.AddRange(await CompareAsync(seed));
        }

        Assert.True(failures.Count == 0, DifferentialFiguresTests.Report(failures));
    }

    private async Task<List<string>> CompareAsync(int seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var network = RandomNetwork.Generate(seed, fixture.ReferenceSites, 8);
        await network.WriteAsync(fixture.Database.ConnectionString, DifferentialFiguresTests.Fixture.ApplicantId);
        var billing = await RandomBilling.WriteAsync(network, fixture.Database.ConnectionString, DifferentialFiguresTests.Fixture.ApplicantId, DaysPerNetwork);
        var reference = new ReferenceBilling(billing);
        await CheckBlocksAsync(seed);
        var failures = new List<string>();
        Expect(failures, seed, RandomBilling.First, "network", "issued invoices generated", true, billing.Invoices.Any(i => i.Issued));
        var timing = new Timing();
        foreach (var day in billing.Days)
        {
            await CompareServicesAsync(billing, reference, day, failures, timing);
        }

        var random = new Random(seed);
        foreach (var day in billing.Days.Where(d => billing.Invoices.Any(i => i.IssuedOn <= d)).OrderBy(_ => random.Next()).Take(HttpDaysPerNetwork))
        {
            await CompareHttpAsync(billing, reference, day, failures);
        }

        output.WriteLine($"seed {seed}: {billing.Invoices.Count} invoices ({billing.Invoices.Count(i => !i.Issued)} drafts), {billing.CreditNotes.Count} credit notes, "
            + $"{billing.Payments.Count} payments, {billing.Allocations.Count} allocations; {billing.Days.Count} days, {failures.Count} differences; {clock.Elapsed.TotalSeconds:N1} s. "
            + $"Network months: one statement {timing.Figures.TotalMilliseconds / Math.Max(1, timing.Measured):N1} ms a day, against 12 aging queries {timing.TwelveAgings.TotalMilliseconds / Math.Max(1, timing.Measured):N1} ms");
        return failures;
    }

    /// <summary>
    /// The billing blocks the triggers kept while the billing was written (invoices issued, credit notes, payments and their
    /// shares, credits used later) equal a rebuild; on the first seed, so does a rebuild in three parts over two connections.
    /// </summary>
    private async Task CheckBlocksAsync(int seed)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Billing, $"seed {seed}'s billing");
        if (seed == RegressionSeeds[0])
        {
            await BlockFacts.Billing.RebuildInPartsAsync(fixture.Database.ConnectionString, parts: 3, connections: 2);
            await FactsSql.AssertEqualsRebuildAsync(connection, BlockFacts.Billing, $"seed {seed}'s billing rebuilt in three parts");
        }
    }

    private sealed class Timing
    {
        public TimeSpan Figures { get; set; }

        public TimeSpan TwelveAgings { get; set; }

        public int Days { get; set; }

        public int Measured { get; set; }
    }

    /// <summary>The services on one day: figures of the network and of each site, aging per site, company and network, credits.</summary>
    private async Task CompareServicesAsync(RandomBilling billing, ReferenceBilling reference, DateOnly day, List<string> failures, Timing timing)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<BillingFigures>();
        var receivables = scope.ServiceProvider.GetRequiredService<Receivables>();
        var seed = billing.Seed;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var months = await figures.MonthsAsync(null, day, default);
        var listed = reference.Listed(day);
        Expect(failures, seed, day, "network", "listed sites", string.Join(",", listed.Select(s => s.Slug)), string.Join(",", months.Sites.Select(s => s.Slug).Order(StringComparer.Ordinal)));
        Expect(failures, seed, day, "network", "months", string.Join(",", ReferenceBilling.MonthFirsts(day).Select(ReferenceBilling.Month)), string.Join(",", months.Months.Select(m => m.ToString())));
        ExpectMonths(failures, seed, day, "network", reference.Months(null, day), months.Network);
        foreach (var site in months.Sites)
        {
            ExpectMonths(failures, seed, day, site.Slug, reference.Months(site.SiteId, day), site.Months);
        }

        // The site's own summary asks for its site only: the same figures.
        foreach (var site in listed.Where((_, i) => i % 3 == day.Day % 3))
        {
            var own = await figures.MonthsAsync(site.Id, day, default);
            ExpectMonths(failures, seed, day, $"{site.Slug} (own summary)", reference.Months(site.Id, day), own.Sites.Single().Months);
        }

        if (timing.Days++ % 4 == 0)
        {
            // The measure behind the one statement: the month-end overdue amounts as 12 aging queries would get them.
            watch.Restart();
            _ = await figures.MonthsAsync(null, day, default);
            timing.Figures += watch.Elapsed;
            watch.Restart();
            foreach (var first in ReferenceBilling.MonthFirsts(day))
            {
                var counted = first.AddMonths(1).AddDays(-1) < day ? first.AddMonths(1).AddDays(-1) : day;
                _ = await receivables.AgingAsync(null, counted, false, default);
            }

            timing.TwelveAgings += watch.Elapsed;
            timing.Measured++;
        }

        var aging = (await receivables.AgingAsync(null, day, false, default)).ToDictionary(r => r.SiteId);
        foreach (var site in billing.Sites)
        {
            var expected = reference.Aging(site.Id, null, day);
            Expect(failures, seed, day, site.Slug, "aging (site rows)", expected, aging.TryGetValue(site.Id, out var row) ? Ref(row) : new RefAging(0, 0, 0, 0, 0));
            var byCompany = (await receivables.AgingAsync(site.Id, day, true, default)).ToDictionary(r => r.CompanyId!.Value);
            Expect(failures, seed, day, site.Slug, "aging companies", string.Join(",", reference.CompaniesOwing(site.Id, day)), string.Join(",", byCompany.Keys.Order()));
            foreach (var company in reference.CompaniesOwing(site.Id, day).Where(byCompany.ContainsKey))
            {
                Expect(failures, seed, day, site.Slug, $"aging of company {company}", reference.Aging(site.Id, company, day), Ref(byCompany[company]));
            }
        }

        var network = await receivables.AgingAsync(null, day, false, default);
        Expect(failures, seed, day, "network", "aging total", reference.Aging(null, null, day),
            network.Aggregate(new RefAging(0, 0, 0, 0, 0), (s, r) => new RefAging(s.NotDue + r.NotDue, s.Days1To30 + r.Days1To30, s.Days31To60 + r.Days31To60,
                s.Days61To90 + r.Days61To90, s.Over90 + r.Over90)));

        Expect(failures, seed, day, "network", "credits", Text(reference.Credits(null, day)), Text(await receivables.CreditsAsync(null, day, default)));
        foreach (var site in billing.Sites.Where((_, i) => i % 2 == day.Day % 2))
        {
            Expect(failures, seed, day, site.Slug, "credits", Text(reference.Credits(site.Id, day)), Text(await receivables.CreditsAsync(site.Id, day, default)));
        }
    }

    /// <summary>The same figures over HTTP: HQ's page, each listed site's summary, and its aged receivables page (engineer C's contract) once routed.</summary>
    private async Task CompareHttpAsync(RandomBilling billing, ReferenceBilling reference, DateOnly day, List<string> failures)
    {
        var seed = billing.Seed;
        var iso = DifferentialFiguresTests.Iso(day);
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);
        var page = Cells(await hq.GetStringAsync($"/hq/billing?on={iso}"));
        var listed = reference.Listed(day);
        Expect(failures, seed, day, "network", "/hq/billing sites", string.Join(",", listed.Select(s => s.Slug)),
            string.Join(",", page.Keys.Select(k => k.Site).Where(s => s != Network).Distinct().Order(StringComparer.Ordinal)));
        ExpectCells(failures, seed, day, "/hq/billing", Network, reference.Months(null, day), page);
        var agingRouted = Routed("/Manage/Billing/Aging");
        foreach (var site in listed)
        {
            var expected = reference.Months(site.Id, day);
            ExpectCells(failures, seed, day, "/hq/billing", site.Slug, expected, page);
            ExpectCells(failures, seed, day, $"/manage/{site.Slug}/billing/summary", site.Slug, expected, Cells(await hq.GetStringAsync($"/manage/{site.Slug}/billing/summary?on={iso}")));
            if (agingRouted)
            {
                CompareAgingPage(failures, seed, day, site, reference, await hq.GetStringAsync($"/manage/{site.Slug}/billing/aging?on={iso}"));
            }
        }

        output.WriteLine(agingRouted ? $"day {iso}: aging pages compared" : $"day {iso}: /manage/{{slug}}/billing/aging is not routed in this build; not compared");
    }

    /// <summary>Engineer C's aged receivables page: rows [data-aging-company], total [data-aging-total], cells [data-bucket][data-value].</summary>
    private static void CompareAgingPage(List<string> failures, int seed, DateOnly day, NetSite site, ReferenceBilling reference, string html)
    {
        var rows = AgingRows().Matches(html).ToDictionary(m => m.Groups["company"].Value, m => Buckets(m.Groups["cells"].Value));
        foreach (var company in reference.CompaniesOwing(site.Id, day))
        {
            var key = company.ToString(CultureInfo.InvariantCulture);
            Expect(failures, seed, day, site.Slug, $"aging page, company {company}", reference.Aging(site.Id, company, day), rows.TryGetValue(key, out var r) ? r : null);
        }

        foreach (var (company, row) in rows.Where(r => !reference.CompaniesOwing(site.Id, day).Contains(int.Parse(r.Key, CultureInfo.InvariantCulture))))
        {
            Expect(failures, seed, day, site.Slug, $"aging page, company {company} (owes nothing)", new RefAging(0, 0, 0, 0, 0), row);
        }

        // Nothing open at all: the page says so (#aging-empty) instead of a table of zeros.
        var total = AgingTotal().Match(html);
        var shown = total.Success ? Buckets(total.Groups["cells"].Value)
            : html.Contains("id=\"aging-empty\"", StringComparison.Ordinal) ? new RefAging(0, 0, 0, 0, 0) : null;
        Expect(failures, seed, day, site.Slug, "aging page, total", reference.Aging(site.Id, null, day), shown);
    }

    private static RefAging Buckets(string cells)
    {
        var values = Tags().Matches(cells).Select(t => t.Value).Where(t => t.Contains("data-bucket=", StringComparison.Ordinal))
            .ToDictionary(t => Attribute(t, "bucket")!, t => decimal.Parse(Attribute(t, "value")!, CultureInfo.InvariantCulture));
        decimal Of(AgingBucket bucket) => values.GetValueOrDefault(bucket.ToString());
        return new RefAging(Of(AgingBucket.NotDue), Of(AgingBucket.Days1To30), Of(AgingBucket.Days31To60), Of(AgingBucket.Days61To90), Of(AgingBucket.Over90));
    }

    private bool Routed(string page) =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Any(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == page);

    private const string Network = "(network)";

    /// <summary>Every figure cell of a page: (site slug or network, month, figure) → value; cells shown twice must agree.</summary>
    internal static Dictionary<(string Site, string Month, string Figure), decimal> Cells(string html)
    {
        var cells = new Dictionary<(string, string, string), decimal>();
        foreach (var tag in Tags().Matches(html).Select(m => m.Value).Where(t => t.Contains("data-figure=", StringComparison.Ordinal)))
        {
            var site = Attribute(tag, "billing-site") ?? (Attribute(tag, "billing-network") is not null ? Network : "?");
            var key = (site, Attribute(tag, "month")!, Attribute(tag, "figure")!);
            var value = decimal.Parse(Attribute(tag, "value")!, NumberStyles.Number, CultureInfo.InvariantCulture);
            if (!Regex.IsMatch(Attribute(tag, "value")!, @"^-?\d+\.\d{2}$"))
            {
                throw new InvalidOperationException($"data-value \"{Attribute(tag, "value")}\" is not an invariant amount with 2 decimals");
            }

            if (cells.TryGetValue(key, out var shown) && shown != value)
            {
                throw new InvalidOperationException($"{key} shown as {shown} and {value} on the same page");
            }

            cells[key] = value;
        }

        return cells;
    }

    private static void ExpectCells(List<string> failures, int seed, DateOnly day, string page, string site, IReadOnlyList<RefBillingMonth> expected,
        Dictionary<(string Site, string Month, string Figure), decimal> cells)
    {
        foreach (var month in expected)
        {
            foreach (var (figure, value) in new[] { ("Billed", month.Billed), ("Collected", month.Collected), ("Overdue", month.Overdue) })
            {
                Expect(failures, seed, day, site, $"{page} {figure} {month.Month}", (decimal?)value, cells.TryGetValue((site, month.Month, figure), out var v) ? v : null);
            }
        }
    }

    private static void ExpectMonths(List<string> failures, int seed, DateOnly day, string where, IReadOnlyList<RefBillingMonth> expected, IReadOnlyList<MonthFigures> actual)
    {
        Expect(failures, seed, day, where, "months", expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Expect(failures, seed, day, where, $"figures of {e.Month}", e, new RefBillingMonth(a.Month.ToString(), a.Billed, a.Collected, a.Overdue));
        }
    }

    private static RefAging Ref(AgingRow row) => new(row.NotDue, row.Days1To30, row.Days31To60, row.Days61To90, row.Over90);

    private static string Text(IReadOnlyDictionary<int, decimal> credits) =>
        string.Join(", ", credits.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value.ToString("0.00", CultureInfo.InvariantCulture)}"));

    private static void Expect<T>(List<string> failures, int seed, DateOnly day, string where, string figure, T expected, T actual) =>
        DifferentialFiguresTests.Expect(failures, seed, day, where, figure, expected, actual);

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\sdata-{name}=\"([^\"]*)\"") is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<[a-z]+\\s[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex("<tr\\s[^>]*data-aging-company=\"(?<company>\\d+)\"[^>]*>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex AgingRows();

    [GeneratedRegex("<tr\\s[^>]*data-aging-total[^>]*>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex AgingTotal();
}
