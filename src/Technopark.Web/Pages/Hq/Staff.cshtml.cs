using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Identity;
using Technopark.Web.Validation;
using Technopark.Web.Email;
using Technopark.Web.Hosting;

namespace Technopark.Web.Pages.Hq;

/// <summary>HQ gives people a role on a site (inviting them when they have no account), changes it or revokes it. Audited.</summary>
public sealed class StaffModel(
    TechnoparkDbContext db,
    UserManager<ApplicationUser> users,
    AuditTrail audit,
    EmailOutbox outbox,
    IValidator<StaffModel.InviteInput> validator,
    UserLanguage language,
    PublicUrls urls,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public IReadOnlyList<SiteOption> Sites { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(Invite, ModelState, nameof(Invite), cancellationToken))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var email = Invite.Email.Trim().ToLowerInvariant();
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == Invite.SiteId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByEmailAsync(email);
        var isNew = user is null;
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                ModelState.AddModelError("Invite.Email", text["Staff.CannotCreate"]);
                await LoadAsync(cancellationToken);
                return Page();
            }
        }
        else if (await db.SiteStaff.AnyAsync(s => s.UserId == user.Id && s.SiteId == site.Id, cancellationToken))
        {
            ModelState.AddModelError("Invite.Email", text["Staff.AlreadyThere", email, site.Name]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var staff = SiteStaff.Create(user.Id, site.Id, Invite.Role);
        db.SiteStaff.Add(staff);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("staff.grant", nameof(SiteStaff), staff.Id, site.Id,
            null, new { email, site = site.Slug, role = staff.Role.ToString() });
        await NotifyAsync(user, site.Name, staff.Role, isNew);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Message = text["Staff.Granted", email, text[$"SiteRole.{staff.Role}"], site.Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChangeAsync(int id, SiteRole role, CancellationToken cancellationToken)
    {
        var staff = await db.SiteStaff.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (staff is null || !Enum.IsDefined(role))
        {
            return NotFound();
        }

        var before = new { role = staff.Role.ToString() };
        staff.ChangeRole(role);
        audit.Record("staff.change", nameof(SiteStaff), id, staff.SiteId,
            before, new { role = role.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await EndSessionsAsync(staff.UserId);
        Message = text["Staff.Changed"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        var staff = await db.SiteStaff.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (staff is null)
        {
            return NotFound();
        }

        db.SiteStaff.Remove(staff);
        audit.Record("staff.revoke", nameof(SiteStaff), id, staff.SiteId,
            new { userId = staff.UserId, role = staff.Role.ToString() }, null);
        await db.SaveChangesAsync(cancellationToken);
        await EndSessionsAsync(staff.UserId);
        Message = text["Staff.Revoked"];
        return RedirectToPage();
    }

    /// <summary>A role taken away or changed ends the person's sessions (new security stamp): they sign in again with what they now hold.</summary>
    private async Task EndSessionsAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
    }

    /// <summary>
    /// New people get a link to choose their password (it also confirms their address), in HQ's language;
    /// people with an account get the news in theirs.
    /// </summary>
    private async Task NotifyAsync(ApplicationUser user, string siteName, SiteRole role, bool isNew)
    {
        var reader = isNew ? System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName : await language.OfAsync(user.Id, HttpContext.RequestAborted);
        string link;
        if (isNew)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            link = urls.Account("/Account/ResetPassword", new { email = user.Email, code = AccountEmails.Encode(token) });
        }
        else
        {
            link = urls.Account("/Account/Login");
        }

        UserLanguage.In(reader, () =>
        {
            var subject = text["Staff.EmailSubject", siteName];
            var body = text[isNew ? "Staff.EmailBodyNew" : "Staff.EmailBody", text[$"SiteRole.{role}"], siteName, link];
            outbox.EnqueueText(user.Email!, subject, body);
        });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new SiteOption(s.Id, s.Name)).ToListAsync(cancellationToken);
        var rows = await db.SiteStaff.AsNoTracking()
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Id, s.SiteId, s.Role, u.Email, UserId = u.Id })
            .Join(db.Sites, x => x.SiteId, site => site.Id, (x, site) => new { x.Id, x.Email, x.UserId, Site = site.Name, x.Role })
            .OrderBy(r => r.Site).ThenBy(r => r.Email)
            .ToListAsync(cancellationToken);
        Staff = [.. rows.Select(r => new StaffRow(r.Id, r.Email ?? string.Empty, r.Site, r.Role, r.UserId))];
    }

    public sealed record StaffRow(int Id, string Email, string Site, SiteRole Role, string UserId);

    public sealed record SiteOption(int Id, string Name);

    public sealed class InviteInput
    {
        public string Email { get; set; } = string.Empty;

        public int SiteId { get; set; }

        public SiteRole Role { get; set; } = SiteRole.SiteManager;
    }

    public sealed class InviteValidator : AbstractValidator<InviteInput>
    {
        public InviteValidator(IStringLocalizer<SharedResource> text, TechnoparkDbContext db)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(text["Staff.EmailRequired"])
                .EmailAddress().WithMessage(text["Staff.EmailInvalid"])
                .MaximumLength(256).WithMessage(text["Staff.EmailInvalid"]);
            RuleFor(x => x.SiteId).MustAsync((id, ct) => db.Sites.AnyAsync(s => s.Id == id, ct)).WithMessage(text["Staff.SiteRequired"]);
            RuleFor(x => x.Role).IsInEnum().WithMessage(text["Staff.RoleRequired"]);
        }
    }
}
