using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Domain;
using AccountabilityTracker.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// A request that failed validation and was not handled by its action (e.g. a bad page number in a link)
/// gets a 400 page listing the messages, never a 500; on the API, a ValidationProblemDetails with the errors per field (409 for a stale edit).
/// </summary>
public sealed class ValidationExceptionFilter(IModelMetadataProvider metadata) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is DomainRuleException broken && !context.HttpContext.IsApiRequest())
        {
            // A rule the stored record enforces (e.g. archiving an already archived case): say it in plain words, 409.
            context.Result = new ViewResult
            {
                ViewName = "~/Views/Error/BadRequest.cshtml",
                StatusCode = StatusCodes.Status409Conflict,
                ViewData = new ViewDataDictionary<IReadOnlyDictionary<string, string[]>>(metadata, context.ModelState)
                {
                    Model = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["Record"] = [broken.Message] },
                },
            };
            context.ExceptionHandled = true;
            return;
        }

        if (context.Exception is not RequestValidationException invalid)
        {
            return;
        }

        if (context.HttpContext.IsApiRequest())
        {
            var problem = ApiProblems.Validation(invalid);
            context.Result = new ObjectResult(problem)
            {
                StatusCode = problem.Status,
                ContentTypes = { "application/problem+json" },
            };
            context.ExceptionHandled = true;
            return;
        }

        context.Result = new ViewResult
        {
            ViewName = "~/Views/Error/BadRequest.cshtml",
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary<IReadOnlyDictionary<string, string[]>>(metadata, context.ModelState) { Model = invalid.Errors },
        };
        context.ExceptionHandled = true;
    }
}
