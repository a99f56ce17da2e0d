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

namespace Technopark.IntegrationTests.Manage;

/// <summary>The board sends a fixed, small number of SQL commands, however many spaces and assignments the site has.</summary>
public sealed class BoardQueryCountTests(AppFixture app) : IClassFixture<AppFixture>, IDisposable
{
    /// <summary>Five for the page, its session already found valid (SessionValidation remembers it).</summary>
    private const int MaxCommands = 5;
    private const string Board = "/manage/tanger/board";

    private readonly SqlCommandCounter _counter = new();
    private WebApplicationFactory<Program>? _factory;

    private WebApplicationFactory<Program> Factory => _factory ??=
        app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_counter)));

    [Fact]
    public async Task Board_OneGet_SendsAtMostFiveCommandsAndNoMoreOnABigSite()
    {
        using var client = await Personas.ClientAsync(Factory, Persona.ManagerTanger);
        await Personas.SessionCheckedAsync(client);
        await SeedAsync(spaces: 2, prefix: "Q");
        var small = await CommandsAsync(client, $"{Board}?on=2027-06-15");

        await SeedAsync(spaces: 100, prefix: "R");
        var big = await CommandsAsync(client, $"{Board}?on=2027-06-15");
        var filtered = await CommandsAsync(client, $"{Board}?on=2028-01-01&kind=Office&state=free");

        Assert.InRange(small, 1, MaxCommands);
        Assert.Equal(small, big);
        Assert.Equal(small, filtered);
    }

    [Fact]
    public async Task Board_BigSite_ShowsEveryOccupant()
    {
        using var client = await Personas.ClientAsync(Factory, Persona.ManagerTanger);
        await SeedAsync(spaces: 100, prefix: "S");

        var html = await client.GetStringAsync($"{Board}?on=2027-06-15");

        Assert.Contains("data-code=\"S-100\"", html, StringComparison.Ordinal);
        Assert.Contains("S company 99", html, StringComparison.Ordinal);
    }

    public void Dispose() => _factory?.Dispose();

    /// <summary>Commands sent while serving one GET of <paramref name="url"/>, which must succeed.</summary>
    private async Task<int> CommandsAsync(HttpClient client, string url)
    {
        _counter.ResetAsAfterChange(Factory.Services);
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return _counter.For(Board);
    }

    /// <summary>Offices (one company each, a past and a current assignment) and a few coworking spaces with seats taken.</summary>
    private async Task SeedAsync(int spaces, string prefix)
    {
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
        var created = Enumerable.Range(1, spaces)
            .Select(i => Space.Create(site.Id, $"{prefix}-{i:000}", i % 10 == 0 ? SpaceKind.Coworking : SpaceKind.Office, i % 5, 20m, i % 10 == 0 ? 20 : 4, 2000m))
            .ToList();
        var companies = Enumerable.Range(1, spaces).Select(i => Company.Create(site.Id, $"{prefix} company {i}", CompanyForm.Startup, Sectors.Digital)).ToList();
        db.AddRange(created);
        db.AddRange(companies);
        await db.SaveChangesAsync();
        for (var i = 0; i < spaces; i++)
        {
            var seats = created[i].Kind == SpaceKind.Coworking ? 3 : (int?)null;
            db.Assignments.Add(Assignment.Create(created[i], companies[i], new DateRange(new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1)), seats));
            db.Assignments.Add(Assignment.Create(created[i], companies[i], new DateRange(new DateOnly(2027, 1, 1), new DateOnly(2028, 1, 1)), seats));
        }

        await db.SaveChangesAsync();
    }
}
