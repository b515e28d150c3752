using AccountabilityTracker.Application.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountabilityTracker.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>
    /// Copies a use case's validation errors into ModelState, each under its field, so the form re-renders with the
    /// message beside the input. A field's model-binding error (e.g. "Fortnights" for a unit) gives way to the use case's
    /// clearer message for the same field.
    /// </summary>
    public static void AddRequestErrors(this ModelStateDictionary modelState, RequestValidationException invalid, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(invalid);
        foreach (var (property, messages) in invalid.Errors)
        {
            var key = property.Length == 0 || prefix.Length == 0 ? property : prefix + "." + property;
            if (modelState.TryGetValue(key, out var entry))
            {
                entry.Errors.Clear();
            }

            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }
}
