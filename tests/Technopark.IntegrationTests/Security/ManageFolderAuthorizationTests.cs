using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Staff;
using Technopark.Web.Authorization;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

/// <summary>
/// Every page under /Manage is site-scoped twice over: the folder carries the SiteStaff policy for the
/// route's {slug}, and the page derives from SitePageModel (404 for an unknown site, the page's own policy,
/// HQ read-only). A page that forgets either fails here.
/// </summary>
public class ManageFolderAuthorizationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void ManagePages_Every_DerivesFromSitePageModel()
    {
        var pages = ManagePages();

        var unprotected = pages.Where(p => !typeof(SitePageModel).IsAssignableFrom(p.Model)).Select(p => p.Path).ToList();

        Assert.NotEmpty(pages);
        Assert.True(unprotected.Count == 0, "Pages under /Manage not deriving from SitePageModel: " + string.Join(", ", unprotected));
    }

    [Fact]
    public void ManageEndpoints_Every_CarriesTheSiteStaffPolicy()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is { AreaName: null } page
                && page.ViewEnginePath.StartsWith("/Manage/", StringComparison.Ordinal))
            .ToList();

        var without = endpoints
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.SiteStaff))
            .Select(e => e.DisplayName).ToList();

        Assert.Equal(ManagePages().Count, endpoints.Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath).Distinct().Count());
        Assert.True(without.Count == 0, "Endpoints under /Manage without the SiteStaff policy: " + string.Join(", ", without));
    }

    [Theory]
    [InlineData(Persona.ManagerTanger, "tanger", true)]
    [InlineData(Persona.ReviewerTanger, "TANGER", true)]
    [InlineData(Persona.NetworkAdmin, "oujda", true)]
    [InlineData(Persona.ManagerTanger, "oujda", false)]
    [InlineData(Persona.Applicant, "tanger", false)]
    [InlineData(Persona.ManagerTanger, "atlantis", true)]
    public async Task SiteStaffPolicy_RequestForASlug_AllowsThatSitesStaffAndNetworkAdminOnly(Persona persona, string slug, bool allowed)
    {
        await Personas.EnsureAsync(app.Factory, persona);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Technopark.Infrastructure.Identity.ApplicationUser>>()
            .FindByEmailAsync(Personas.Email(persona));
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user!.Id) };
        if (persona == Persona.NetworkAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.NetworkAdmin));
        }

        var request = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        request.Request.RouteValues["slug"] = slug;
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));

        var result = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, request, Policies.SiteStaff);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task SiteStaffPolicy_RequestWithoutASlug_IsRefused()
    {
        await Personas.EnsureAsync(app.Factory, Persona.ManagerTanger);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = app.Database.CreateContext();
        var userId = await db.Users.Where(u => u.Email == Personas.Email(Persona.ManagerTanger)).Select(u => u.Id).SingleAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Test"));

        var result = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(principal, new DefaultHttpContext { RequestServices = scope.ServiceProvider }, Policies.SiteStaff);

        Assert.False(result.Succeeded);
    }

    /// <summary>The Razor pages compiled into the web app whose file is under Pages/Manage, with their model type.</summary>
    private static List<(string Path, Type Model)> ManagePages() =>
        [.. typeof(SitePageModel).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>()
            .Where(i => i.Kind == "mvc.1.0.razor-page" && i.Identifier.StartsWith("/Pages/Manage/", StringComparison.Ordinal))
            .Select(i => (i.Identifier, i.Type.GetProperty("Model")?.PropertyType ?? i.Type))];
}
