using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The company's team: who belongs to it and with which role. Owners (while resident) and the site's managers invite by
/// email, withdraw invitations, change roles and remove members; any member may leave. Removing, leaving and
/// withdrawing ask for a confirmation first (a second post), naming the person.
/// </summary>
public sealed class TeamModel(
    TechnoparkDbContext db,
    CompanyTeam team,
    IValidator<TeamModel.InviteInput> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : CompanyPageModel
{
    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    /// <summary>True only from a confirmation form: the first post of a removal changes nothing.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];

    /// <summary>The member row of the signed-in person, if they belong to the company.</summary>
    public MemberRow? Me { get; private set; }

    /// <summary>A removal, departure or withdrawal asked for, waiting for its confirmation.</summary>
    public PendingChange? Pending { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanManageTeam) is { } refused)
        {
            return refused;
        }

        if (await validator.ValidateIntoAsync(Invite, ModelState, nameof(Invite), cancellationToken))
        {
            try
            {
                var invitation = await team.InviteAsync(Company, Invite.Email, Invite.Role!.Value, UserId, cancellationToken);
                Message = text["Members.Invited", invitation.Email, Display.Moment(invitation.ExpiresAt)];
                return RedirectToPage();
            }
            catch (DomainException e) when (e is not NotFoundException)
            {
                ModelState.AddModelError(e.Field == nameof(CompanyInvitation.Role) ? "Invite.Role" : "Invite.Email", text.Message(e));
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Changes a member's role; a role missing or unknown is refused (never read as the enum's first value, Owner).</summary>
    public async Task<IActionResult> OnPostRoleAsync(int memberId, string? role, CancellationToken cancellationToken)
    {
        if (Require(Access.CanManageTeam) is { } refused)
        {
            return refused;
        }

        if (role is null || !Enum.GetNames<CompanyRole>().Contains(role, StringComparer.Ordinal))
        {
            ModelState.AddModelError(string.Empty, text["Member.RoleInvalid"]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var chosen = Enum.Parse<CompanyRole>(role);
        return await RunAsync(ct => team.ChangeRoleAsync(Company, memberId, chosen, ct), "Members.RoleChanged", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int memberId, CancellationToken cancellationToken)
    {
        if (Require(Access.CanManageTeam) is { } refused)
        {
            return refused;
        }

        if (!Confirmed)
        {
            return await ConfirmAsync(PendingKind.Remove, memberId, cancellationToken);
        }

        return await RunAsync(ct => team.RemoveAsync(Company, memberId, leaving: false, ct), "Members.Removed", cancellationToken);
    }

    public async Task<IActionResult> OnPostLeaveAsync(CancellationToken cancellationToken)
    {
        var myId = await db.CompanyMembers.Where(m => m.CompanyId == Company.CompanyId && m.UserId == UserId).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (myId is not { } memberId)
        {
            return Forbid();
        }

        if (!Confirmed)
        {
            return await ConfirmAsync(PendingKind.Leave, memberId, cancellationToken);
        }

        var result = await RunAsync(ct => team.RemoveAsync(Company, memberId, leaving: true, ct), "Members.Left", cancellationToken);
        return result is RedirectToPageResult ? RedirectToPage("/Companies/Index") : result;
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int invitationId, CancellationToken cancellationToken)
    {
        if (Require(Access.CanManageTeam) is { } refused)
        {
            return refused;
        }

        if (!Confirmed)
        {
            return await ConfirmAsync(PendingKind.Withdraw, invitationId, cancellationToken);
        }

        return await RunAsync(ct => team.WithdrawAsync(Company, invitationId, ct), "Members.Withdrawn", cancellationToken);
    }

    /// <summary>Shows the confirmation of a change, naming who it is about (404 for an id that is not of this company).</summary>
    private async Task<IActionResult> ConfirmAsync(PendingKind kind, int id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var name = kind == PendingKind.Withdraw
            ? Invitations.FirstOrDefault(i => i.Id == id)?.Email
            : Members.FirstOrDefault(m => m.Id == id)?.Name;
        if (name is null)
        {
            return NotFound();
        }

        Pending = new PendingChange(kind, id, name);
        return Page();
    }

    /// <summary>Runs a change, then back to the team with <paramref name="done"/>; a broken rule is shown on the page.</summary>
    private async Task<IActionResult> RunAsync(Func<CancellationToken, Task> change, string done, CancellationToken cancellationToken)
    {
        try
        {
            await change(cancellationToken);
            Message = text[done];
            return RedirectToPage();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
        }

        db.ChangeTracker.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var companyId = Company.CompanyId;
        var members = await db.CompanyMembers.AsNoTracking().Where(m => m.CompanyId == companyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, m.UserId, u.DisplayName, u.Email, m.Role, m.JoinedAt })
            .ToListAsync(cancellationToken);

        // Owners first, then by arrival (in memory: the role is stored as text, whose order is not the enum's).
        Members = [.. members.OrderBy(m => m.Role).ThenBy(m => m.JoinedAt).Select(m => new MemberRow(m.Id, m.UserId, m.DisplayName ?? m.Email ?? m.UserId, m.Email ?? string.Empty, m.Role,
            DateOnly.FromDateTime(m.JoinedAt.UtcDateTime)))];
        Me = Members.FirstOrDefault(m => m.UserId == UserId);
        if (Access.CanManageTeam)
        {
            var now = clock.GetUtcNow();
            var open = await db.CompanyInvitations.AsNoTracking()
                .Where(i => i.CompanyId == companyId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .OrderBy(i => i.ExpiresAt).Select(i => new { i.Id, i.Email, i.Role, i.ExpiresAt }).ToListAsync(cancellationToken);
            Invitations = [.. open.Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.ExpiresAt))];
        }
    }

    public enum PendingKind
    {
        Remove,
        Leave,
        Withdraw,
    }

    public sealed record PendingChange(PendingKind Kind, int Id, string Name);

    public sealed record MemberRow(int Id, string UserId, string Name, string Email, CompanyRole Role, DateOnly JoinedOn);

    public sealed record InvitationRow(int Id, string Email, CompanyRole Role, DateTimeOffset ExpiresAt);

    public sealed class InviteInput
    {
        public string Email { get; set; } = string.Empty;

        /// <summary>Nullable so that a value missing or unknown is refused, never bound as the enum's first value (Owner).</summary>
        public CompanyRole? Role { get; set; } = CompanyRole.Member;
    }

    public sealed class InviteValidator : AbstractValidator<InviteInput>
    {
        public InviteValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(text["Members.EmailRequired"])
                .EmailAddress().WithMessage(text["Invitation.EmailInvalid"])
                .MaximumLength(CompanyInvitation.EmailMaxLength).WithMessage(text["Invitation.EmailInvalid"]);
            RuleFor(x => x.Role).NotNull().WithMessage(text["Member.RoleInvalid"]).IsInEnum().WithMessage(text["Member.RoleInvalid"]);
        }
    }
}
