using System.Security.Cryptography;
using System.Text;
using Technopark.Domain.Events;

namespace Technopark.Web.Pages.Events;

/// <summary>
/// The secret of a registration's links (confirm, cancel, check-in QR): 32 random bytes in hex; only its SHA-256 (hex) is kept,
/// so a copy of the database opens no registration.
/// </summary>
public static class RegistrationTokens
{
    private const int TokenBytes = 32;

    /// <summary>A new token and the hash to keep.</summary>
    public static (string Token, string Hash) New()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes));
        return (token, HashOf(token));
    }

    /// <summary>The hash of a token given in a link; null when it cannot be one (wrong length or characters): nothing is looked up.</summary>
    public static string? Hash(string? token)
    {
        var given = token?.Trim().ToLowerInvariant();
        return given is { Length: TokenBytes * 2 } && given.All(char.IsAsciiHexDigitLower) ? HashOf(given) : null;
    }

    private static string HashOf(string token)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
        return hash.Length == EventRegistration.TokenHashLength ? hash : throw new InvalidOperationException("SHA-256 in hex is 64 characters.");
    }
}
