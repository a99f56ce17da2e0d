using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The company's one thread with its site's team, oldest first. Members write while the company is resident, the site's
/// managers always (also from the staff's page of the company, whose form posts here with <see cref="FromManage"/>);
/// alumni, HQ and other staff read.
/// </summary>
public sealed class MessagesModel(CompanyThread thread, IValidator<MessagesModel.InputModel> validator, IStringLocalizer<SharedResource> text) : CompanyPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The form was on the staff's page of the company: back there once sent.</summary>
    [BindProperty]
    public bool FromManage { get; set; }

    public IReadOnlyList<CompanyMessageRow> Messages { get; private set; } = [];

    public CompanyThreadView View => new(Company.CompanyId, Messages, Access.CanWriteMessages, Access.IsMember && Company.HasLeft, FromManage, Input.Body,
        ModelState.TryGetValue("Input.Body", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Messages = await thread.MessagesAsync(Company.CompanyId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Access.CanWriteMessages) is { } refused)
        {
            return refused;
        }

        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                // A manager who is also a member of the company writes as a member.
                await thread.SendAsync(Company, UserId, fromStaff: !Access.IsMember, Input.Body, cancellationToken);
                TempData["Message"] = text["Thread.Sent"].Value;
                return FromManage
                    ? RedirectToPage("/Manage/Companies/Detail", null, new { slug = Company.SiteSlug, id = Company.CompanyId }, "company-thread-section")
                    : RedirectToPage("/Companies/Messages", null, new { id = Company.CompanyId }, "thread-form");
            }
            catch (DomainException e)
            {
                ModelState.AddModelError("Input.Body", text.Message(e));
            }
        }

        if (FromManage && ModelState.TryGetValue("Input.Body", out var entry) && entry.Errors.Count > 0)
        {
            // Back to the staff's page, the message beside its field and the text kept (post, redirect, get).
            TempData[CompanyThread.BodyErrorKey] = entry.Errors[0].ErrorMessage;
            TempData[CompanyThread.BodyKey] = Input.Body;
            return RedirectToPage("/Manage/Companies/Detail", null, new { slug = Company.SiteSlug, id = Company.CompanyId }, "thread-form");
        }

        Messages = await thread.MessagesAsync(Company.CompanyId, cancellationToken);
        return Page();
    }

    public sealed class InputModel
    {
        public string? Body { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            var message = text["Message.BodyRequired", Display.Count(CompanyMessage.BodyMaxLength)].Value;
            RuleFor(x => x.Body).Must(body => !string.IsNullOrWhiteSpace(body)).WithMessage(message)
                .MaximumLength(CompanyMessage.BodyMaxLength).WithMessage(message);
        }
    }
}
