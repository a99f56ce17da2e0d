using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Apply;

/// <summary>The project, team and market steps of a draft: each save keeps what was typed, even incomplete.</summary>
public sealed partial class StepModel(
    TechnoparkDbContext db,
    IValidator<StepModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : ApplicantPageModel
{
    public static readonly string[] Steps = ["project", "team", "market", "documents", "submit"];

    /// <summary>The page of a step: project, team and market share this page; documents and submit have their own.</summary>
    public static string PageOf(string step) => step switch
    {
        "documents" => "/Apply/Documents",
        "submit" => "/Apply/Submit",
        _ => "/Apply/Step",
    };

    /// <summary>The route values of a step's page (<see cref="PageOf"/>) for an application.</summary>
    public static RouteValueDictionary RouteOf(int id, string step) => PageOf(step) == "/Apply/Step" ? new() { ["id"] = id, ["step"] = step } : new() { ["id"] = id };

    public string Step => RouteData.Values["step"] as string ?? "project";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>
    /// From the submit page's list of what is missing (<c>?check=Summary</c>): the step shows each required field still empty
    /// with its message, and puts the focus on the field asked for.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public string? Check { get; set; }

    /// <summary>The fields of a step, in the order of the form.</summary>
    public static IReadOnlyList<string> FieldsOf(string step) => step switch
    {
        "project" => [nameof(InputModel.ProjectName), nameof(InputModel.Summary), nameof(InputModel.Sector), nameof(InputModel.Stage)],
        "team" => [nameof(InputModel.ContactName), nameof(InputModel.ContactEmail), nameof(InputModel.ContactPhone), nameof(InputModel.TeamSize),
            nameof(InputModel.CompanyName), nameof(InputModel.Ice)],
        "market" => [nameof(InputModel.TargetMarket), nameof(InputModel.BusinessModel)],
        _ => [],
    };

    public static bool IsRequired(string field) => Domain.Applications.Application.RequiredForSubmission.Contains(field);

    public bool IsInvalid(string field) => ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) && entry.Errors.Count > 0;

    /// <summary>The field that gets the focus: the one asked for when it has a message, else the first with a message.</summary>
    public string? FocusField => Check is { } asked && IsInvalid(asked) ? asked : FieldsOf(Step).FirstOrDefault(IsInvalid);

    public FieldState State(string field) => new(IsRequired(field), IsInvalid(field), field == FocusField);

    public void OnGet()
    {
        var a = Application;
        Input = new InputModel
        {
            ProjectName = a.ProjectName, Summary = a.Summary, Sector = a.Sector, Stage = a.Stage,
            ContactName = a.ContactName, ContactEmail = a.ContactEmail, ContactPhone = a.ContactPhone, TeamSize = a.TeamSize,
            CompanyName = a.CompanyName, Ice = a.Ice, TargetMarket = a.TargetMarket, BusinessModel = a.BusinessModel,
        };
        if (!string.IsNullOrEmpty(Check))
        {
            foreach (var field in a.Missing().Intersect(FieldsOf(Step)))
            {
                ModelState.AddModelError($"{nameof(Input)}.{field}", text["Apply.Required"]);
            }
        }
    }

    public async Task<IActionResult> OnPostAsync(string? next, CancellationToken cancellationToken)
    {
        Input.Step = Step;
        Input.SiteSectors = SiteSectors;
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        try
        {
            switch (Step)
            {
                case "project":
                    Application.DescribeProject(Input.ProjectName, Input.Summary, Input.Sector, Input.Stage, now);
                    break;
                case "team":
                    Application.DescribeTeam(Input.ContactName, Input.ContactEmail?.Trim(), InputModel.NormalizePhone(Input.ContactPhone),
                        Input.TeamSize, Input.CompanyName, Input.Ice?.Trim(), now);
                    break;
                default:
                    Application.DescribeMarket(Input.TargetMarket, Input.BusinessModel, now);
                    break;
            }
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field is null ? string.Empty : $"Input.{e.Field}", text.Message(e));
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = text["Apply.DraftSaved"].Value;
        var go = next is null ? Step : Steps[Array.IndexOf(Steps, Step) + 1];
        return RedirectToPage(PageOf(go), RouteOf(Application.Id, go));
    }

    public sealed partial class InputModel
    {
        [BindNever]
        public string Step { get; set; } = "project";

        [BindNever]
        public IReadOnlyList<string> SiteSectors { get; set; } = [];

        public string? ProjectName { get; set; }

        public string? Summary { get; set; }

        public string? Sector { get; set; }

        public ProjectStage? Stage { get; set; }

        public string? ContactName { get; set; }

        public string? ContactEmail { get; set; }

        public string? ContactPhone { get; set; }

        public int? TeamSize { get; set; }

        public string? CompanyName { get; set; }

        public string? Ice { get; set; }

        public string? TargetMarket { get; set; }

        public string? BusinessModel { get; set; }

        /// <summary>The phone without spaces, dots and dashes.</summary>
        public static string? NormalizePhone(string? phone) =>
            string.IsNullOrWhiteSpace(phone) ? null : Separators().Replace(phone, string.Empty);

        public static bool IsMoroccanPhone(string? phone) => phone is null || MoroccanPhone().IsMatch(NormalizePhone(phone) ?? string.Empty);

        [GeneratedRegex(@"[\s.\-]")]
        private static partial Regex Separators();

        [GeneratedRegex(@"^(\+212|0)[5-7][0-9]{8}$")]
        private static partial Regex MoroccanPhone();
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            var shortMax = Domain.Applications.Application.ShortTextMaxLength;
            var longMax = Domain.Applications.Application.LongTextMaxLength;
            When(x => x.Step == "project", () =>
            {
                RuleFor(x => x.ProjectName).MaximumLength(shortMax).WithMessage(text["Apply.TextTooLong", shortMax]);
                RuleFor(x => x.Summary).MaximumLength(longMax).WithMessage(text["Apply.TextTooLong", longMax]);
                RuleFor(x => x.Sector).Must((model, sector) => model.SiteSectors.Contains(sector!)).When(x => !string.IsNullOrEmpty(x.Sector))
                    .WithMessage(text["Apply.SectorInvalid"]);
                RuleFor(x => x.Stage).IsInEnum().WithMessage(text["Apply.StageInvalid"]);
            });
            When(x => x.Step == "team", () =>
            {
                RuleFor(x => x.ContactName).MaximumLength(shortMax).WithMessage(text["Apply.TextTooLong", shortMax]);
                RuleFor(x => x.ContactEmail).EmailAddress().WithMessage(text["Apply.EmailInvalid"])
                    .MaximumLength(shortMax).WithMessage(text["Apply.TextTooLong", shortMax]);
                RuleFor(x => x.ContactPhone).Must(InputModel.IsMoroccanPhone).WithMessage(text["Apply.PhoneInvalid"]);
                RuleFor(x => x.TeamSize).InclusiveBetween(1, Domain.Applications.Application.MaxTeamSize)
                    .WithMessage(text["Apply.TeamSizeInvalid", Domain.Applications.Application.MaxTeamSize]);
                RuleFor(x => x.CompanyName).MaximumLength(shortMax).WithMessage(text["Apply.TextTooLong", shortMax]);
                RuleFor(x => x.Ice).Must(ice => Company.IsValidIce(ice!.Trim())).When(x => !string.IsNullOrWhiteSpace(x.Ice))
                    .WithMessage(text["Apply.IceInvalid"]);
            });
            When(x => x.Step == "market", () =>
            {
                RuleFor(x => x.TargetMarket).MaximumLength(longMax).WithMessage(text["Apply.TextTooLong", longMax]);
                RuleFor(x => x.BusinessModel).MaximumLength(longMax).WithMessage(text["Apply.TextTooLong", longMax]);
            });
        }
    }
}
