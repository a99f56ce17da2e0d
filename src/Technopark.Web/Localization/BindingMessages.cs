using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Technopark.Web.Localization;

/// <summary>
/// The model binder's own messages (a letter typed in a number field, a date that is not one) in the
/// user's language instead of ASP.NET Core's English ones.
/// </summary>
public sealed class BindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var text = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustBeANumberAccessor(_ => text["Binding.NotANumber"]);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => text["Binding.Invalid", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => text["Binding.Unknown"]);
        messages.SetValueIsInvalidAccessor(value => text["Binding.Invalid", value]);
        messages.SetValueMustNotBeNullAccessor(_ => text["Binding.Required"]);
        messages.SetMissingBindRequiredValueAccessor(_ => text["Binding.Required"]);
        messages.SetMissingKeyOrValueAccessor(() => text["Binding.Required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Binding.Required"]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["Binding.Invalid", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Binding.Unknown"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Binding.NotANumber"]);
    }
}
