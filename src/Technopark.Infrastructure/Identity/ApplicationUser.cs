using Microsoft.AspNetCore.Identity;

namespace Technopark.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string? DisplayName { get; set; }

    /// <summary>When the person last signed in (password, two-factor or recovery code), for HQ's people page.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Set by HQ (/hq/people): the password no longer signs in until the person chooses a new one by the reset link.</summary>
    public bool PasswordResetRequired { get; set; }
}
