using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Identity;

/// <summary>
/// Refuses the most common passwords (case-insensitive), as NIST SP 800-63B recommends instead of
/// composition rules. The list is the embedded common-passwords.txt, read once per process.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string ErrorCode = "PasswordCommon";
    private const string ResourceName = "Technopark.Web.Identity.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> Passwords = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => Passwords.Value.Count;

    public static bool IsCommon(string password) => Passwords.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (password is null || !IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var error = manager.ErrorDescriber is LocalizedIdentityErrorDescriber localized
            ? localized.PasswordCommon()
            : new IdentityError { Code = ErrorCode, Description = "This password is too common." };
        return Task.FromResult(IdentityResult.Failed(error));
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } password)
            {
                passwords.Add(password);
            }
        }

        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
