namespace Technopark.Domain.Common;

/// <summary>An email address as the app keeps it: trimmed, lower-case, at most <see cref="MaxLength"/> characters, with an '@'.</summary>
public static class EmailAddress
{
    public const int MaxLength = 256;

    public static string Normalize(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    public static bool IsValid(string normalized) =>
        normalized.Length is > 3 and <= MaxLength && normalized.IndexOf('@', StringComparison.Ordinal) is > 0 && normalized[^1] != '@'
        && !normalized.Any(char.IsWhiteSpace);

    /// <summary>The address normalized, or a <see cref="DomainException"/> with <paramref name="code"/> on <paramref name="field"/>.</summary>
    public static string Require(string? email, string code, string field)
    {
        var address = Normalize(email);
        Guard.That(IsValid(address), code, field);
        return address;
    }
}
