using System.Security.Claims;
using Technopark.Infrastructure.Auditing;

namespace Technopark.Web.Identity;

/// <summary>The signed-in user of the current request (null outside a request: seeding, jobs).</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? Id => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? Email => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.Email) ?? accessor.HttpContext?.User.Identity?.Name;
}
