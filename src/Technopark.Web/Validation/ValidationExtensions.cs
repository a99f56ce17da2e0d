using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Technopark.Web.Validation;

public static class ValidationExtensions
{
    /// <summary>
    /// Validates with FluentValidation and copies each error next to its field ("Input.Email").
    /// Returns whether the model is valid (binding errors included).
    /// </summary>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T model, ModelStateDictionary modelState,
        string prefix, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(model, cancellationToken);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            modelState.Remove(key); // the validator's message replaces the binder's English one
            modelState.AddModelError(key, error.ErrorMessage);
        }

        return modelState.IsValid;
    }
}
