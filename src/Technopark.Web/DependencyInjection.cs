using System.Reflection;
using System.Resources;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Technopark.Web.Api;
using Technopark.Web.Authorization;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;
using Technopark.Web.Jobs;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Apply;
using Technopark.Web.Pages.Companies;
using Technopark.Web.Pages.Hq;
using Technopark.Web.Pages.Hq.People;
using Technopark.Web.Pages.Manage;
using Technopark.Web.Pages.Reporting;
using Technopark.Web.Pages.Rooms;
using Technopark.Web.Pages.Manage.Billing;
using Technopark.Web.Pages.Events;
using Technopark.Web.Pages.Manage.Passes;
using Technopark.Web.Pages.Programmes;
using Technopark.Web.Pages.Sites;
using Technopark.Web.Seeding;
using Technopark.Web.Validation;

[assembly: NeutralResourcesLanguage("fr")]

namespace Technopark.Web;

public static class DependencyInjection
{
    /// <summary>Pages anyone may open; everything else needs a signed-in user (fallback policy).</summary>
    private static readonly string[] PublicPages = ["/Index", "/Sites/Detail", "/Sites/Residents", "/Sites/ResidentLogo", "/Sites/Photo", "/Error", "/Status", "/Language"];

    /// <summary>
    /// The Web project's services. One style: framework settings inline here, everything of the app's own
    /// through one <c>Add…()</c> extension per folder (Identity/, Authorization/, Hosting/, Jobs/, Seeding/,
    /// Api/ and each feature under Pages/).
    /// </summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, CachedStringLocalizerFactory>(); // replaces the framework's (last one wins)
        services.AddRazorPages(options =>
            {
                options.Conventions.AddPageRoute("/Sites/Detail", "sites/{slug}");
                options.Conventions.AddPageRoute("/Status", "status/{code:int}");
                foreach (var page in PublicPages)
                {
                    options.Conventions.AllowAnonymousToPage(page);
                }

                // Public event pages and registration (double opt-in by email); staff pages are under /Manage/Events.
                options.Conventions.AllowAnonymousToFolder("/Events");
                options.Conventions.AuthorizeFolder("/Hq", Policies.NetworkAdmin);
                options.Conventions.AuthorizeFolder("/Manage", Policies.SiteStaff);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddSingleton<IConfigureOptions<MvcOptions>, BindingMessages>();
        services.Configure<MvcOptions>(options => options.ModelBinderProviders.Insert(0, new BooleanModelBinderProvider()));
        services.AddProblemDetails();
        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly());
        services.AddTechnoparkIdentity(configuration);
        services.AddTechnoparkAuthorization();
        services.AddTechnoparkRateLimits(configuration);
        services.AddTechnoparkHosting(configuration);
        services.AddJobs();
        services.AddDemoSeeding();

        // The features, one extension each beside its pages.
        services.AddApi();
        services.AddSites();
        services.AddManage(configuration);
        services.AddApplications(configuration);
        services.AddHq();
        services.AddCompanyThread();
        services.AddReporting();
        services.AddCompanyMembers();
        services.AddRooms();
        services.AddBilling(configuration);
        services.AddProgrammes();
        services.AddEvents();
        services.AddPasses();
        services.AddPeople();
        return services;
    }
}
