using System.Net;
using Microsoft.Extensions.Options;

namespace Technopark.Web.Operations;

public sealed class MetricsAccessOptions
{
    public const string Section = "Metrics";

    /// <summary>Where Prometheus scrapes (default /metrics).</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>Networks besides loopback allowed to scrape, in CIDR notation (e.g. "10.0.0.0/8").</summary>
    public List<string> AllowedNetworks { get; set; } = [];
}

/// <summary>
/// The metrics tell how the app is used and how it fails: they are answered to loopback and to the
/// configured networks only; anyone else gets 404, as if there were nothing there.
/// </summary>
public sealed class MetricsAccess(RequestDelegate next, IOptions<MetricsAccessOptions> options)
{
    private readonly IPNetwork[] _allowed = options.Value.AllowedNetworks.Select(IPNetwork.Parse).ToArray();

    public static string Path(IConfiguration configuration) =>
        configuration.GetSection(MetricsAccessOptions.Section).Get<MetricsAccessOptions>()?.Path ?? new MetricsAccessOptions().Path;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(options.Value.Path) && !IsAllowed(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private bool IsAllowed(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || _allowed.Any(network => network.Contains(address));
    }
}
