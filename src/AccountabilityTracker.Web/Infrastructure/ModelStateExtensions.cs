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

    /// <summary>Puts every field's message above the form (key ""): for a page whose small forms have no message place of their own.</summary>
    public static void MoveErrorsAboveForm(this ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var (key, entry) in modelState.Where(e => e.Key.Length > 0 && e.Value is { Errors.Count: > 0 }).ToList())
        {
            foreach (var error in entry!.Errors)
            {
                modelState.AddModelError(string.Empty, error.ErrorMessage);
            }

            modelState.Remove(key);
        }
    }
}
