using Technopark.Domain.Common;

namespace Technopark.Domain.Companies;

/// <summary>
/// An invitation to join a company, sent by email as a link that carries a random token; only the token's hash is kept.
/// It is valid <see cref="ValidDays"/> days, once, and only for the account of the address it was sent to.
/// </summary>
public sealed class CompanyInvitation
{
    public const int ValidDays = 7;
    public const int EmailMaxLength = EmailAddress.MaxLength;

    /// <summary>Hex SHA-256 of the token.</summary>
    public const int TokenHashLength = 64;

    private CompanyInvitation()
    {
        Email = TokenHash = InvitedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    /// <summary>The address invited, trimmed and lower-case.</summary>
    public string Email { get; private set; }

    public CompanyRole Role { get; private set; }

    public string TokenHash { get; private set; }

    public string InvitedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public string? AcceptedBy { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static CompanyInvitation Create(int companyId, string email, CompanyRole role, string tokenHash, string invitedBy, DateTimeOffset now)
    {
        Guard.That(companyId > 0, "Company.Required", nameof(CompanyId));
        var address = NormalizeEmail(email);
        Guard.That(address.Length is > 3 and <= EmailMaxLength && address.Contains('@', StringComparison.Ordinal), "Invitation.EmailInvalid", nameof(Email));
        Guard.That(Enum.IsDefined(role), "Member.RoleInvalid", nameof(Role));
        Guard.That(tokenHash.Length == TokenHashLength, "Invitation.TokenInvalid", nameof(TokenHash));
        return new CompanyInvitation
        {
            CompanyId = companyId,
            Email = address,
            Role = role,
            TokenHash = tokenHash,
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = now.AddDays(ValidDays),
        };
    }

    public static string NormalizeEmail(string? email) => EmailAddress.Normalize(email);

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>
    /// The invited person accepts, signed in as <paramref name="userEmail"/>: refused when already used, withdrawn,
    /// expired, or signed in with another address than the one invited. Returns the membership to add.
    /// </summary>
    public CompanyMember Accept(string userId, string userEmail, DateTimeOffset now)
    {
        EnsureAcceptableBy(userEmail, now);
        AcceptedAt = now;
        AcceptedBy = userId;
        return CompanyMember.Create(CompanyId, userId, Role, now);
    }

    /// <summary>What <see cref="Accept"/> checks, without accepting: lets the invitation page say at once why it cannot be accepted.</summary>
    public void EnsureAcceptableBy(string userEmail, DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            throw new DomainException("Invitation.Used");
        }

        if (RevokedAt is not null)
        {
            throw new DomainException("Invitation.Revoked");
        }

        if (now >= ExpiresAt)
        {
            throw new DomainException("Invitation.Expired");
        }

        if (NormalizeEmail(userEmail) != Email)
        {
            throw new DomainException("Invitation.WrongAccount", Email);
        }
    }

    /// <summary>
    /// An address that already belongs to a member of the company is not invited again (<paramref name="memberEmails"/>:
    /// the members' addresses); nor does a member accept a second invitation to the same company.
    /// </summary>
    public static void EnsureNotMember(string? email, IEnumerable<string?> memberEmails)
    {
        var address = NormalizeEmail(email);
        if (memberEmails.Any(m => NormalizeEmail(m) == address))
        {
            throw new DomainException("Invitation.AlreadyMember", address) { Field = nameof(Email) };
        }
    }

    public void Revoke(DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            throw new DomainException("Invitation.Used");
        }

        RevokedAt ??= now;
    }
}
