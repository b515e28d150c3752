using AccountabilityTracker.Application.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountabilityTracker.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Puts each validation message beside its field (property names of commands match the input models').</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, RequestValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var (field, messages) in exception.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field, message);
            }
        }
    }
}
