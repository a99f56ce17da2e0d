using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Hq.People;

/// <summary>
/// One account: its facts, its roles per site, NetworkAdmin, its companies, and HQ's actions on it, each a form with a reason
/// (and a confirmation box for those that take something away). A refused action shows its message beside its own form.
/// </summary>
public sealed class PersonModel(
    TechnoparkDbContext db,
    UserManager<ApplicationUser> users,
    AccountAdministration accounts,
    IValidator<PersonModel.ActionInput> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : PageModel
{
    /// <summary>The actions that take something away: their form asks for a tick in a confirmation box.</summary>
    public static readonly AccountAction[] Confirmed =
        [AccountAction.Lock, AccountAction.RequireReset, AccountAction.ResetTwoFactor, AccountAction.RemoveRoles, AccountAction.GrantAdmin, AccountAction.RevokeAdmin];

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public PersonView Person { get; private set; } = null!;

    /// <summary>The action whose form was posted and refused: its fields keep what was typed and show the messages.</summary>
    public AccountAction? Posted { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public bool IsMe => Person.Id == User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken) => ActAsync(AccountAction.Lock, id, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) => ActAsync(AccountAction.Unlock, id, cancellationToken);

    public Task<IActionResult> OnPostRequireResetAsync(string id, CancellationToken cancellationToken) => ActAsync(AccountAction.RequireReset, id, cancellationToken);

    public Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken cancellationToken) => ActAsync(AccountAction.ResetTwoFactor, id, cancellationToken);

    public Task<IActionResult> OnPostRemoveRolesAsync(string id, CancellationToken cancellationToken) => ActAsync(AccountAction.RemoveRoles, id, cancellationToken);

    public Task<IActionResult> OnPostGrantAdminAsync(string id, CancellationToken cancellationToken) => ActAsync(AccountAction.GrantAdmin, id, cancellationToken);

    public Task<IActionResult> OnPostRevokeAdminAsync(string id, CancellationToken cancellationToken) => ActAsync(AccountAction.RevokeAdmin, id, cancellationToken);

    /// <summary>Validates the reason and the confirmation, lets <see cref="AccountAdministration"/> act, then PRG with the status message.</summary>
    private async Task<IActionResult> ActAsync(AccountAction action, string id, CancellationToken cancellationToken)
    {
        var valid = await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken);
        if (Array.IndexOf(Confirmed, action) >= 0 && !Input.Confirm)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Confirm)}", text["People.ConfirmRequired"]);
            valid = false;
        }

        if (valid)
        {
            try
            {
                var outcome = await accounts.ApplyAsync(action, User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, Input.Reason, cancellationToken);
                if (outcome != AccountOutcome.Done)
                {
                    return outcome == AccountOutcome.NotFound ? NotFound() : Forbid();
                }

                Message = text[$"People.Done.{action}"];
                return RedirectToPage(new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Reason)}", text.Message(e));
            }
        }

        Posted = action;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>What a form of <paramref name="action"/> shows: its ids, what was typed if it was the one posted, its messages.</summary>
    public ActionForm Form(AccountAction action, string id)
    {
        var posted = Posted == action;
        return new ActionForm(action, id, Person.Id, Array.IndexOf(Confirmed, action) >= 0,
            posted ? Input.Reason : null, posted ? Error(nameof(Input.Reason)) : null, posted ? Error(nameof(Input.Confirm)) : null);
    }

    private string? Error(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var admin = users.NormalizeName(Roles.NetworkAdmin);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.EmailConfirmed, u.LastSignInAt, u.TwoFactorEnabled, u.LockoutEnd, u.AccessFailedCount, u.PasswordResetRequired,
                IsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.NormalizedName == admin)),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return false;
        }

        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var staff = await db.SiteStaff.AsNoTracking().Where(s => s.UserId == id)
            .Join(db.Sites, s => s.SiteId, site => site.Id, (s, site) => new { s.Role, site.Name, site.NameEn, site.NameAr })
            .ToListAsync(cancellationToken);
        var companies = await db.CompanyMembers.AsNoTracking().Where(m => m.UserId == id)
            .Join(db.Companies, m => m.CompanyId, c => c.Id, (m, c) => new { m.Role, c.Id, c.LegalName, c.SiteId, c.ExitedOn })
            .Join(db.Sites, x => x.SiteId, s => s.Id, (x, s) => new { x.Id, x.LegalName, x.Role, x.ExitedOn, s.Name, s.NameEn, s.NameAr })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        Person = new PersonView(person.Id, person.DisplayName, person.Email ?? string.Empty, person.EmailConfirmed, person.LastSignInAt,
            person.TwoFactorEnabled, person.LockoutEnd > now ? person.LockoutEnd : null, person.AccessFailedCount, person.PasswordResetRequired, person.IsAdmin,
            [.. staff.Select(s => new SiteRoleRow(Domain.Sites.Site.NameIn(language, s.Name, s.NameEn, s.NameAr), s.Role)).OrderBy(s => s.Site, StringComparer.CurrentCulture)],
            [.. companies.Select(c => new CompanyRow(c.Id, c.LegalName, c.Role, Domain.Sites.Site.NameIn(language, c.Name, c.NameEn, c.NameAr), c.ExitedOn))
                .OrderBy(c => c.ExitedOn is not null).ThenBy(c => c.LegalName, StringComparer.CurrentCulture)]);
        return true;
    }

    /// <summary>One account as HQ sees it; <see cref="LockedUntil"/> is set while it is locked (HQ's lock or failed sign-ins).</summary>
    public sealed record PersonView(string Id, string? DisplayName, string Email, bool EmailConfirmed, DateTimeOffset? LastSignInAt, bool TwoFactor,
        DateTimeOffset? LockedUntil, int FailedAttempts, bool ResetRequired, bool IsAdmin, IReadOnlyList<SiteRoleRow> SiteRoles, IReadOnlyList<CompanyRow> Companies)
    {
        public bool Locked => LockedUntil is not null;

        public bool LockedByHq => AccountRules.IsLockedByHq(LockedUntil);
    }

    public sealed record CompanyRow(int Id, string LegalName, CompanyRole Role, string Site, DateOnly? ExitedOn);

    /// <summary>One action's form: <paramref name="Id"/> is the form's id, its fields' ids start with it; <paramref name="PersonId"/> the account's.</summary>
    public sealed record ActionForm(AccountAction Action, string Id, string PersonId, bool NeedsConfirmation, string? Reason, string? ReasonError, string? ConfirmError);

    public sealed class ActionInput
    {
        public string? Reason { get; set; }

        public bool Confirm { get; set; }
    }

    public sealed class ActionValidator : AbstractValidator<ActionInput>
    {
        public ActionValidator(IStringLocalizer<SharedResource> text) =>
            RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= AccountRules.ReasonMaxLength)
                .WithMessage(text["People.ReasonRequired", Display.Count(AccountRules.ReasonMaxLength)]);
    }
}
