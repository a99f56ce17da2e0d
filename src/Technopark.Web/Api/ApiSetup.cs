using System.Text.Json;
using System.Text.Json.Serialization;

namespace Technopark.Web.Api;

public static class ApiSetup
{
    /// <summary>The JSON API: camelCase, enums as strings, and its OpenAPI description (/openapi/v1.json).</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddOpenApi();
        return services;
    }
}
