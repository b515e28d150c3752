using AccountabilityTracker.Application.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// An upload that declares a body over <see cref="ImportLimits.MaxRequestBytes"/> is answered 413 before anything reads
/// it (the antiforgery check would otherwise fail on the unreadable form with a bare 400). The status page (or, on the
/// API, the ProblemDetails) says imports are limited to 20 MB. Files between 20 MB and that limit are read and refused by
/// the import's validation, with the message beside the field.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadSizeGuardAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>After the request size filters (900), before antiforgery (1000).</summary>
    public int Order => 950;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Request.ContentLength > ImportLimits.MaxRequestBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
