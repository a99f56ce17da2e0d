using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Technopark.Web.Identity;

/// <summary>
/// The sign-in cookie read once per cookie, not on every request: Data Protection derives a key and decrypts and checks the
/// cookie, then the ticket's claims are read again, 0.15–0.2 ms of every signed-in request (README, stop 38). The ticket a
/// cookie's exact text decrypted to is kept a few minutes and each request gets its own copy; a text that does not decrypt is
/// never kept, and what a ticket holds is checked as before on every request (its expiry by the cookie handler, the session by
/// <see cref="SessionValidation"/>: a sign-out or a changed stamp still ends a kept cookie's session at once). A Data
/// Protection key revoked stops a kept cookie within <see cref="Lifetime"/>.
/// </summary>
public sealed class KeptTickets(ISecureDataFormat<AuthenticationTicket> inner, IMemoryCache cache) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var key = (nameof(KeptTickets), purpose, protectedText);
        if (!cache.TryGetValue(key, out AuthenticationTicket? ticket) || ticket is null)
        {
            ticket = inner.Unprotect(protectedText, purpose);
            if (ticket is null)
            {
                return null;
            }

            cache.Set(key, ticket, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }

        // The handler and the events may change what they are given (a renewal's dates, a replaced principal): never the kept one.
        return new AuthenticationTicket(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }

    /// <summary>Puts the app's sign-in cookie's format behind <see cref="KeptTickets"/>, once the cookie handler's own is set.</summary>
    internal sealed class Setup(IMemoryCache cache) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is { } format and not KeptTickets)
            {
                options.TicketDataFormat = new KeptTickets(format, cache);
            }
        }
    }
}
