using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Technopark.Web;

/// <summary>
/// Slows down password guessing and spam: form posts to sign-in, register, password reset,
/// apply and the public events (registration, confirm, cancel) are limited per client address (a fixed window). A refusal is a 429 with Retry-After,
/// shown to people as a friendly page. The anonymous iCalendar feeds (a secret token in the URL) are limited too, per
/// client address: calendar apps poll every few minutes, a client trying tokens does not get far.
/// </summary>
public static class RateLimits
{
    private static readonly string[] LimitedPaths =
    [
        "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/ForgotPassword",
        "/Identity/Account/ResetPassword", "/Identity/Account/ResendEmailConfirmation", "/Identity/Account/LoginWith2fa",
        "/Identity/Account/LoginWithRecoveryCode", "/apply",
        "/events", // registration, confirmation and cancellation links: anonymous posts that send emails
    ];

    public static IServiceCollection AddTechnoparkRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permitLimit = configuration.GetValue("RateLimits:FormPostsPerMinute", 10);
        var feedLimit = configuration.GetValue("RateLimits:FeedRequestsPerMinute", 60);
        var window = TimeSpan.FromMinutes(1);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var route = RouteOf(context);
                if (route is { } feed && IsFeed(feed))
                {
                    return RateLimitPartition.GetFixedWindowLimiter($"{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}|feeds",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = feedLimit, Window = window, QueueLimit = 0 });
                }

                if (!HttpMethods.IsPost(context.Request.Method) || route is null
                    || !LimitedPaths.Any(p => route.Value.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                // The client address is the connection's, or the one a configured proxy forwarded (HostingSetup).
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{client}|{route.Value.Value!.ToUpperInvariant()}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The anonymous calendar feeds (room and company): their route ends with /feed/{token}.ics.</summary>
    private static bool IsFeed(PathString route) => route.Value?.EndsWith("/feed/{token}.ics", StringComparison.Ordinal) == true;

    /// <summary>
    /// The endpoint the request reaches, as its route pattern ("/Identity/Account/Login"), not the raw path:
    /// "/identity/account/login/" reaches the same page and must count against the same limit. Null when no
    /// endpoint matched (nothing is processed then).
    /// </summary>
    public static PathString? RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? new PathString("/" + pattern.Trim('/')) : null;
}
