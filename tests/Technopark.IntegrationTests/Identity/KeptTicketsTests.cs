using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Technopark.Web.Identity;

namespace Technopark.IntegrationTests.Identity;

/// <summary>The sign-in cookie decrypted once per cookie (<see cref="KeptTickets"/>), each request with a ticket of its own.</summary>
public sealed class KeptTicketsTests : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100 });
    private readonly CountingFormat _inner = new();

    [Fact]
    public void Unprotect_SameCookieTwice_DecryptedOnce_EachCallItsOwnCopy()
    {
        var kept = new KeptTickets(_inner, _cache);

        var first = kept.Unprotect("cookie-a");
        Assert.NotNull(first);
        first.Properties.ExpiresUtc = DateTimeOffset.UnixEpoch; // what a handler may do to the ticket it was given
        first.Principal.AddIdentity(new ClaimsIdentity([new Claim(ClaimTypes.Role, "NetworkAdmin")]));
        var second = kept.Unprotect("cookie-a");

        Assert.Equal(1, _inner.Calls);
        Assert.NotNull(second);
        Assert.Equal("user-of-cookie-a", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(CountingFormat.Expires, second.Properties.ExpiresUtc);
        Assert.False(second.Principal.IsInRole("NetworkAdmin"));
    }

    [Fact]
    public void Unprotect_CookieThatDoesNotDecrypt_NeverKept()
    {
        var kept = new KeptTickets(_inner, _cache);

        Assert.Null(kept.Unprotect("forged"));
        Assert.Null(kept.Unprotect("forged"));

        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public void Unprotect_OtherCookieOrPurpose_DecryptedApart()
    {
        var kept = new KeptTickets(_inner, _cache);

        Assert.Equal("user-of-cookie-a", kept.Unprotect("cookie-a")?.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("user-of-cookie-b", kept.Unprotect("cookie-b")?.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.NotNull(kept.Unprotect("cookie-a", "other-purpose"));
        Assert.Null(kept.Unprotect(null));

        Assert.Equal(4, _inner.Calls);
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>Decrypts "cookie-…" to that cookie's user, anything else to nothing, and counts its calls.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public static readonly DateTimeOffset Expires = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

        public int Calls { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Calls++;
            return protectedText?.StartsWith("cookie-", StringComparison.Ordinal) == true
                ? new AuthenticationTicket(
                    new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-of-" + protectedText)], "Identity.Application")),
                    new AuthenticationProperties { ExpiresUtc = Expires },
                    "Identity.Application")
                : null;
        }
    }
}
