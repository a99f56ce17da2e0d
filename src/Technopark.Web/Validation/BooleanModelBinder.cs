using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Technopark.Web.Validation;

/// <summary>
/// Binds <c>bool</c> form and query values ("true"/"false", the first of a checkbox's two values). A value that is not a
/// boolean becomes the field's "not valid" message and is kept as <c>false</c>: the framework's own binder keeps the raw
/// text, and re-rendering the checkbox with it throws (a 500 for a forged "maybe").
/// </summary>
public sealed class BooleanModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var first = values.FirstValue;
        if (string.IsNullOrEmpty(first) && bindingContext.ModelMetadata.IsReferenceOrNullableType)
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
            bindingContext.Result = ModelBindingResult.Success(null);
        }
        else if (bool.TryParse(first, out var value))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, new ValueProviderResult(bool.FalseString));
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(first ?? string.Empty,
                    bindingContext.ModelMetadata.GetDisplayName()));
            bindingContext.Result = ModelBindingResult.Failed();
        }

        return Task.CompletedTask;
    }
}

/// <summary>Puts <see cref="BooleanModelBinder"/> in charge of every <c>bool</c> and <c>bool?</c>.</summary>
public sealed class BooleanModelBinderProvider : IModelBinderProvider
{
    private static readonly BooleanModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context?.Metadata.UnderlyingOrModelType == typeof(bool) ? Binder : null;
}
