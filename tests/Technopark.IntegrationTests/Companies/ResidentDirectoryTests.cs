using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Companies;

/// <summary>The public directory of a site's residents and its logos: who is listed, who is not, and in how many SQL statements.</summary>
public sealed partial class ResidentDirectoryTests(AppFixture app) : IClassFixture<AppFixture>, IDisposable
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private readonly SqlCommandCounter _counter = new();
    private WebApplicationFactory<Program>? _factory;

    private WebApplicationFactory<Program> Factory => _factory ??=
        app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_counter)));

    [Fact]
    public async Task Residents_OnlyOptedInCurrentResidentsOfTheSite_ByNameWithTheirLogo()
    {
        app.Factory.Clock.SetToday(Today);
        var run = Guid.NewGuid().ToString("N")[..6];
        var zeta = await CompanyAsync("tanger", $"Zeta {run}", listed: true, Today.AddDays(-300), null, logo: true);
        var alpha = await CompanyAsync("tanger", $"Alpha {run}", listed: true, Today, Today.AddDays(1));
        var hidden = await CompanyAsync("tanger", $"Cachée {run}", listed: false, Today.AddDays(-300), null, logo: true);
        var future = await CompanyAsync("tanger", $"Future {run}", listed: true, Today.AddDays(1), null, logo: true);
        var ended = await CompanyAsync("tanger", $"Partie {run}", listed: true, Today.AddDays(-300), Today, logo: true);
        var alumnus = await CompanyAsync("tanger", $"Diplômée {run}", listed: true, Today.AddDays(-900), Today.AddDays(-30), exited: true, logo: true);
        var casablanca = await CompanyAsync("casablanca", $"Casa {run}", listed: true, Today.AddDays(-300), null, logo: true);
        using var client = Factory.CreateClient();

        var tanger = await client.GetStringAsync("/sites/tanger/residents");
        var casa = await client.GetStringAsync("/sites/casablanca/residents");

        Assert.Equal([alpha, zeta], Listed(tanger));
        Assert.Equal([casablanca], Listed(casa));
        Assert.Contains($"/sites/tanger/residents/{zeta}/logo?v=", tanger, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener nofollow\"", tanger, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/sites/tanger/residents/{zeta}/logo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/sites/casablanca/residents/{casablanca}/logo")).StatusCode);
        foreach (var (slug, id) in new[] { ("tanger", hidden), ("tanger", future), ("tanger", ended), ("tanger", alumnus), ("tanger", casablanca), ("casablanca", zeta), ("nowhere", zeta) })
        {
            using var response = await client.GetAsync($"/sites/{slug}/residents/{id}/logo");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/sites/{slug}/residents/{id}/logo: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task ResidentLogo_Listed_PublicImmutableWhenVersioned()
    {
        app.Factory.Clock.SetToday(Today);
        var id = await CompanyAsync("tanger", $"Logo {Guid.NewGuid():N}"[..12], listed: true, Today.AddDays(-10), null, logo: true);
        using var client = Factory.CreateClient();
        var html = await client.GetStringAsync("/sites/tanger/residents");
        var src = WebUtility.HtmlDecode(Regex.Match(html, $"src=\"(/sites/tanger/residents/{id}/logo\\?v=[0-9]+)\"").Groups[1].Value);

        using var response = await client.GetAsync(src);

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal((true, TimeSpan.FromDays(365)), (response.Headers.CacheControl!.Public, response.Headers.CacheControl.MaxAge));
    }

    [Fact]
    public async Task Residents_ManyCompanies_SameTwoSqlStatements()
    {
        app.Factory.Clock.SetToday(Today);
        using var client = Factory.CreateClient();
        await CompanyAsync("rabat", $"Rabat {Guid.NewGuid():N}"[..14], listed: true, Today.AddDays(-10), null, logo: true);
        var few = await CommandsAsync(client, "/sites/rabat/residents");
        for (var i = 0; i < 12; i++)
        {
            await CompanyAsync("rabat", $"Rabat {i} {Guid.NewGuid():N}"[..16], listed: true, Today.AddDays(-10), null, logo: i % 2 == 0);
        }

        var many = await CommandsAsync(client, "/sites/rabat/residents");

        Assert.Equal(13, Listed(await client.GetStringAsync("/sites/rabat/residents")).Count);
        Assert.Equal(2, few);
        Assert.Equal(few, many);
    }

    [Fact]
    public async Task Residents_NoneListed_EmptyStateAndUnknownSite404()
    {
        app.Factory.Clock.SetToday(Today);
        using var client = Factory.CreateClient();

        var html = await client.GetStringAsync("/sites/khemisset/residents");
        using var unknown = await client.GetAsync("/sites/atlantis/residents");

        Assert.NotNull(ResourceText.Tag(html, "directory-empty"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    public void Dispose() => _factory?.Dispose();

    private async Task<int> CommandsAsync(HttpClient client, string path)
    {
        _counter.Reset();
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return _counter.For(path);
    }

    private static List<int> Listed(string html) =>
        [.. CompanyItem().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>A company of a site with an office held over [start, end), listed or not, maybe left on the end day, maybe with a logo.</summary>
    private async Task<int> CompanyAsync(string slug, string name, bool listed, DateOnly start, DateOnly? end, bool exited = false, bool logo = false)
    {
        await using var db = app.Database.CreateContext();
        var siteId = await db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        var company = Company.Create(siteId, name, CompanyForm.Startup, Sectors.Digital);
        company.UpdateProfile("https://example.ma", "Une ligne", Sectors.GreenTech, listed);
        var space = Space.Create(siteId, $"D-{Guid.NewGuid():N}"[..12].ToUpperInvariant(), SpaceKind.Office, 1, 20m, 4, 2000m);
        db.AddRange(company, space);
        await db.SaveChangesAsync();
        var assignment = Assignment.Create(space, company, new DateRange(start, exited ? null : end));
        db.Assignments.Add(assignment);
        if (exited)
        {
            assignment.EndOn(end!.Value, AssignmentEnd.Graduated);
            company.Leave(ExitReason.Graduated, end.Value);
        }

        if (logo)
        {
            db.CompanyLogos.Add(CompanyLogo.Create(company.Id, TestImages.Make(8, 8, jpeg: false), app.Factory.Clock.GetUtcNow()));
        }

        await db.SaveChangesAsync();
        return company.Id;
    }

    [GeneratedRegex("<li [^>]*data-company=\"([0-9]+)\"")]
    private static partial Regex CompanyItem();
}
