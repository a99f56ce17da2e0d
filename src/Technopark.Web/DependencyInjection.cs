using System.Reflection;
using System.Resources;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using System.Text.Json.Serialization;
using FluentValidation;
using Technopark.Web.Pages.Sites;

[assembly: NeutralResourcesLanguage("fr")]

namespace Technopark.Web;

public static class DependencyInjection
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddRazorPages(options =>
            {
                options.Conventions.AddPageRoute("/Sites/Detail", "sites/{slug}");
                options.Conventions.AddPageRoute("/Status", "status/{code:int}");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly());
        services.AddScoped<SiteDirectory>();
        services.AddScoped<Pages.Manage.AssignmentService>();
        return services;
    }
}
