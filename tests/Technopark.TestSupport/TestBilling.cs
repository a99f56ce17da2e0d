using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Assignments;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.TestSupport;

/// <summary>Billing for tests: companies, spaces and stays of a site written directly, and the run and issuing through the app's services.</summary>
public static class TestBilling
{
    public static Task<int> SiteIdAsync(TechnoparkDbContext db, string slug) => db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();

    public static async Task<int> CompanyAsync(TechnoparkDbContext db, string slug, string name, string? ice = null)
    {
        var company = Company.Create(await SiteIdAsync(db, slug), name, CompanyForm.Startup, "digital", ice);
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company.Id;
    }

    /// <summary>An office (<paramref name="seats"/> seats) or a coworking space of the site with its monthly rate (per seat for coworking).</summary>
    public static async Task<int> SpaceAsync(TechnoparkDbContext db, string slug, string code, decimal monthlyRate, SpaceKind kind = SpaceKind.Office, int seats = 4)
    {
        var space = Space.Create(await SiteIdAsync(db, slug), code, kind, 1, 20m, seats, monthlyRate);
        db.Spaces.Add(space);
        await db.SaveChangesAsync();
        return space.Id;
    }

    /// <summary>A stay <c>[start, end)</c> of the company in the space (the space's rate unless <paramref name="rent"/> is given).</summary>
    public static async Task<int> StayAsync(TechnoparkDbContext db, int spaceId, int companyId, DateOnly start, DateOnly? end = null, int? seats = null, decimal? rent = null)
    {
        var space = await db.Spaces.SingleAsync(s => s.Id == spaceId);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId);
        var stay = Assignment.Create(space, company, new DateRange(start, end), seats, rent);
        db.Assignments.Add(stay);
        await db.SaveChangesAsync();
        return stay.Id;
    }

    public static async Task<RunResult> RunAsync(IServiceProvider services, string slug, BillingMonth month)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        return await scope.ServiceProvider.GetRequiredService<BillingRun>().RunAsync(await SiteIdAsync(db, slug), month, CancellationToken.None);
    }

    public static async Task<IReadOnlyList<string>> IssueAsync(IServiceProvider services, string slug, BillingMonth month, IReadOnlyCollection<long>? invoiceIds = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        return await scope.ServiceProvider.GetRequiredService<Invoicing>()
            .IssueAsync(await SiteIdAsync(db, slug), month, invoiceIds, "test-user", CancellationToken.None);
    }
}
