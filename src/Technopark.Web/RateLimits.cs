using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Technopark.Web;

/// <summary>
/// Slows down password guessing and spam: form posts to sign-in, register, password reset and
/// apply are limited per client address (a fixed window). A refusal is a 429 with Retry-After,
/// shown to people as a friendly page.
/// </summary>
public static class RateLimits
{
    private static readonly string[] LimitedPaths =
    [
        "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/ForgotPassword",
        "/Identity/Account/ResetPassword", "/Identity/Account/ResendEmailConfirmation", "/Identity/Account/LoginWith2fa",
        "/Identity/Account/LoginWithRecoveryCode", "/apply",
    ];

    public static IServiceCollection AddTechnoparkRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permitLimit = configuration.GetValue("RateLimits:FormPostsPerMinute", 10);
        var window = TimeSpan.FromMinutes(1);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path;
                if (!HttpMethods.IsPost(context.Request.Method) || !LimitedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{client}|{path.Value?.ToUpperInvariant()}",
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
}
