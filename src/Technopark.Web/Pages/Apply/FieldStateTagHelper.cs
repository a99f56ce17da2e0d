using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Technopark.Web.Pages.Apply;

/// <summary>What a form field needs to say about itself: required, has a message, gets the focus.</summary>
public sealed record FieldState(bool Required, bool Invalid, bool Focus);

/// <summary>
/// Marks a field from its <see cref="FieldState"/> (<c>tp-state</c>): on its label, the visible "*" of a required field
/// (hidden from screen readers, which hear <c>aria-required</c>); on its control, <c>required</c> and <c>aria-required</c>,
/// <c>aria-invalid</c> when a message sits next to it, and <c>autofocus</c> (works without script).
/// </summary>
[HtmlTargetElement("label", Attributes = StateAttribute)]
[HtmlTargetElement("input", Attributes = StateAttribute)]
[HtmlTargetElement("select", Attributes = StateAttribute)]
[HtmlTargetElement("textarea", Attributes = StateAttribute)]
public sealed class FieldStateTagHelper : TagHelper
{
    private const string StateAttribute = "tp-state";

    [HtmlAttributeName(StateAttribute)]
    public FieldState? State { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (State is not { } state)
        {
            return;
        }

        if (output.TagName == "label")
        {
            if (state.Required)
            {
                output.PostContent.AppendHtml("<span class=\"text-danger ms-1\" aria-hidden=\"true\">*</span>");
            }

            return;
        }

        if (state.Required)
        {
            output.Attributes.SetAttribute("required", "required");
            output.Attributes.SetAttribute("aria-required", "true");
        }

        if (state.Invalid)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
        }

        if (state.Focus)
        {
            output.Attributes.SetAttribute("autofocus", "autofocus");
        }
    }
}
