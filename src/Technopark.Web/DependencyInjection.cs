using System.Reflection;
using System.Resources;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web.Authorization;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Sites;

[assembly: NeutralResourcesLanguage("fr")]

namespace Technopark.Web;

public static class DependencyInjection
{
    /// <summary>Pages anyone may open; everything else needs a signed-in user (fallback policy).</summary>
    private static readonly string[] PublicPages = ["/Index", "/Sites/Detail", "/Error", "/Status", "/Language"];

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorPages(options =>
            {
                options.Conventions.AddPageRoute("/Sites/Detail", "sites/{slug}");
                options.Conventions.AddPageRoute("/Status", "status/{code:int}");
                foreach (var page in PublicPages)
                {
                    options.Conventions.AllowAnonymousToPage(page);
                }

                options.Conventions.AuthorizeFolder("/Hq", Policies.NetworkAdmin);
                options.Conventions.AuthorizeFolder("/Manage", Policies.SiteStaff);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddSingleton<IConfigureOptions<MvcOptions>, BindingMessages>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly());
        services.AddTechnoparkIdentity(configuration);
        services.AddTechnoparkAuthorization();
        services.AddTechnoparkRateLimits(configuration);
        services.AddTechnoparkHosting(configuration);
        services.AddDataProtection().SetApplicationName("Technopark").PersistKeysToDbContext<TechnoparkDbContext>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IDemoSeeder, DemoAccounts>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<UserLanguage>();
        services.AddScoped<SiteDirectory>();
        services.AddScoped<Pages.Manage.AssignmentService>();
        services.AddScoped<Pages.Manage.History>();
        services.AddHq();
        services.Configure<Pages.Manage.AssignmentOptions>(configuration.GetSection(Pages.Manage.AssignmentOptions.Section));
        Pages.Apply.ApplicationsSetup.AddApplications(services, configuration);
        return services;
    }
}
