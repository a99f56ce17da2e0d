using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Web.Authorization;
using Technopark.Web.Email;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The changes to a company's team: invite, withdraw an invitation, accept one, change a role, remove a member or leave.
/// Each runs in one transaction with the company row locked (two owners removed at once never leave the company with
/// none), is audited (<c>company.member.*</c>, <c>company.invitation.*</c>); the rules are the Domain's.
/// Callers check who may act (<see cref="CompanyAccess"/>) and scope ids to the company: every method does it again here.
/// </summary>
public sealed class CompanyTeam(
    TechnoparkDbContext db,
    AuditTrail audit,
    EmailOutbox outbox,
    UserLanguage language,
    PublicUrls urls,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock)
{
    /// <summary>Random bytes of an invitation token: 256 bits, never guessed.</summary>
    public const int TokenBytes = 32;

    /// <summary>The hex SHA-256 of a token, as stored; computed for any text so that a lookup costs the same whatever was sent.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Invites <paramref name="email"/> with <paramref name="role"/>; emails the link (the only place the token ever is). Returns the invitation.</summary>
    public async Task<CompanyInvitation> InviteAsync(CompanyResource company, string email, CompanyRole role, string inviterId, CancellationToken cancellationToken)
    {
        await using var transaction = await LockAsync(company.CompanyId, cancellationToken);
        var address = CompanyInvitation.NormalizeEmail(email);
        CompanyInvitation.EnsureNotMember(address, await MemberEmailsAsync(company.CompanyId, cancellationToken));
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
        var invitation = CompanyInvitation.Create(company.CompanyId, address, role, HashOf(token), inviterId, clock.GetUtcNow());
        db.CompanyInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("company.invitation.sent", nameof(CompanyInvitation), invitation.Id, company.SiteId, null,
            new { companyId = company.CompanyId, email = address, role = role.ToString(), expiresAt = invitation.ExpiresAt });

        // The invited person reads it in their own language when they have an account, else in the inviter's.
        var normalized = address.ToUpperInvariant();
        var invitedId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var reader = invitedId is null ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : await language.OfAsync(invitedId, cancellationToken);
        var link = urls.Page("/Companies/Join", new { token });
        UserLanguage.In(reader, () => outbox.EnqueueText(address, text["Invitation.EmailSubject", company.LegalName],
            text["Invitation.EmailBody", company.LegalName, text[$"Members.Role.{role}"], link, CompanyInvitation.ValidDays]));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invitation;
    }

    public async Task WithdrawAsync(CompanyResource company, int invitationId, CancellationToken cancellationToken)
    {
        await using var transaction = await LockAsync(company.CompanyId, cancellationToken);
        var invitation = await db.CompanyInvitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.CompanyId == company.CompanyId, cancellationToken)
            ?? throw new NotFoundException("Invitation.NotFound");
        invitation.Revoke(clock.GetUtcNow());
        audit.Record("company.invitation.withdrawn", nameof(CompanyInvitation), invitation.Id, company.SiteId,
            new { email = invitation.Email, role = invitation.Role.ToString() }, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The invitation of a token, or null (an unknown token and a known one cost one hash and one indexed read).</summary>
    public Task<CompanyInvitation?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = HashOf(token);
        return db.CompanyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    /// <summary>The signed-in person accepts the invitation of <paramref name="token"/>; returns the company joined.</summary>
    public async Task<int> AcceptAsync(string token, string userId, string userEmail, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken) ?? throw new NotFoundException("Invitation.NotFound");
        await using var transaction = await LockAsync(found.CompanyId, cancellationToken);
        var invitation = await db.CompanyInvitations.SingleAsync(i => i.Id == found.Id, cancellationToken);
        var now = clock.GetUtcNow();
        invitation.EnsureAcceptableBy(userEmail, now);
        CompanyInvitation.EnsureNotMember(userEmail, await MemberEmailsAsync(invitation.CompanyId, cancellationToken));
        var member = invitation.Accept(userId, userEmail, now);
        db.CompanyMembers.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        var siteId = await SiteOfAsync(invitation.CompanyId, cancellationToken);
        audit.Record("company.invitation.accepted", nameof(CompanyInvitation), invitation.Id, siteId, null, new { memberId = member.Id });
        audit.Record("company.member.added", nameof(CompanyMember), member.Id, siteId, null,
            new { companyId = member.CompanyId, userId, role = member.Role.ToString(), invitationId = invitation.Id });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invitation.CompanyId;
    }

    public async Task ChangeRoleAsync(CompanyResource company, int memberId, CompanyRole role, CancellationToken cancellationToken)
    {
        await using var transaction = await LockAsync(company.CompanyId, cancellationToken);
        var member = await MemberAsync(company, memberId, cancellationToken);
        var before = member.Role;
        member.ChangeRole(role, await OwnersAsync(company, cancellationToken));
        if (before != role)
        {
            audit.Record("company.member.role", nameof(CompanyMember), member.Id, company.SiteId,
                new { role = before.ToString() }, new { role = role.ToString() });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes a member (<paramref name="leaving"/>: the person leaves by themselves); never the last owner.</summary>
    public async Task RemoveAsync(CompanyResource company, int memberId, bool leaving, CancellationToken cancellationToken)
    {
        await using var transaction = await LockAsync(company.CompanyId, cancellationToken);
        var member = await MemberAsync(company, memberId, cancellationToken);
        member.EnsureRemovable(await OwnersAsync(company, cancellationToken));
        db.CompanyMembers.Remove(member);
        audit.Record(leaving ? "company.member.left" : "company.member.removed", nameof(CompanyMember), member.Id, company.SiteId,
            new { companyId = company.CompanyId, userId = member.UserId, role = member.Role.ToString() }, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the transaction and locks the company row: every change of one company's team runs one at a time, so the
    /// count of owners read is still true when the change is saved.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> LockAsync(int companyId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT id FROM companies WHERE id = {companyId} FOR UPDATE", cancellationToken);
        return transaction;
    }

    private async Task<CompanyMember> MemberAsync(CompanyResource company, int memberId, CancellationToken cancellationToken) =>
        await db.CompanyMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.CompanyId == company.CompanyId, cancellationToken)
        ?? throw new NotFoundException("Members.NotFound");

    private Task<List<string?>> MemberEmailsAsync(int companyId, CancellationToken cancellationToken) =>
        db.CompanyMembers.Where(m => m.CompanyId == companyId).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).ToListAsync(cancellationToken);

    private Task<int> OwnersAsync(CompanyResource company, CancellationToken cancellationToken) =>
        db.CompanyMembers.CountAsync(m => m.CompanyId == company.CompanyId && m.Role == CompanyRole.Owner, cancellationToken);

    private Task<int> SiteOfAsync(int companyId, CancellationToken cancellationToken) =>
        db.Companies.Where(c => c.Id == companyId).Select(c => c.SiteId).SingleAsync(cancellationToken);
}
