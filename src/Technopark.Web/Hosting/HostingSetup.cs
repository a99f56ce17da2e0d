using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Technopark.Web.Hosting;

/// <summary>
/// How the app sits behind the network: the public base URL of links, the host names it answers to
/// (AllowedHosts from configuration, plus the public host), and the reverse proxies whose
/// X-Forwarded-For/Proto/Host it believes (ForwardedHeaders:KnownProxies and :KnownNetworks, none by
/// default). Only a trusted proxy can change the client address the rate limits partition on.
/// </summary>
public static class HostingSetup
{
    public const string ForwardedSection = "ForwardedHeaders";

    public static IServiceCollection AddTechnoparkHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicUrlOptions>().Bind(configuration.GetSection(PublicUrlOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                $"{PublicUrlOptions.Section}:PublicBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddSingleton<PublicUrls>();

        // The web host reads AllowedHosts first; the public host is always allowed on top of it.
        services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (Uri.TryCreate(configuration[$"{PublicUrlOptions.Section}:PublicBaseUrl"], UriKind.Absolute, out var uri)
                && !options.AllowedHosts.Contains("*") && !options.AllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                options.AllowedHosts = [.. options.AllowedHosts, uri.Host]; // the host's list is an array
            }
        });

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostFilteringOptions>>((options, hosts) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection($"{ForwardedSection}:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection($"{ForwardedSection}:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // A forwarded Host must still be one of ours.
            options.AllowedHosts = hosts.Value.AllowedHosts.Contains("*") ? [] : [.. hosts.Value.AllowedHosts];
        });
        return services;
    }

    /// <summary>First in the pipeline: the client address and scheme as the trusted proxy saw them.</summary>
    public static IApplicationBuilder UseTechnoparkForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
