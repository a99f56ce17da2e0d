using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Apply;

/// <summary>The last step: what is still missing, then submit (idempotent, one confirmation email).</summary>
public sealed class SubmitModel(ApplicationWorkflow workflow, IStringLocalizer<SharedResource> text) : ApplicantPageModel
{
    /// <summary>Missing field → the step where it is filled in.</summary>
    public static string StepOf(string field) => StepModel.Steps.FirstOrDefault(step => StepModel.FieldsOf(step).Contains(field)) ?? "documents";

    public IReadOnlyList<string> Missing => Application.Missing();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await workflow.SubmitAsync(Application.Id, UserId, cancellationToken))
            {
                TempData["Message"] = text["Apply.Submitted"].Value;
            }
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }

        return RedirectToPage("/Apply/View", new { id = Application.Id });
    }
}
