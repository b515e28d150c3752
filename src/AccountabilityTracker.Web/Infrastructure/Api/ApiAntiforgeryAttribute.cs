using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AccountabilityTracker.Web.Infrastructure.Api;

/// <summary>
/// Antiforgery for the API: an unsafe call signed in by cookie (the browser sends it by itself) must carry the
/// <c>RequestVerificationToken</c> header; a call with a personal access token is exempt, since nothing sends the token
/// without the caller meaning to. Replaces the global check on API controllers (the closest antiforgery policy wins).
/// Runs after authorization, like the global check, so a caller without the role gets 403, not 400.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ApiAntiforgeryAttribute : Attribute, IAsyncAuthorizationFilter, IAntiforgeryPolicy, IOrderedFilter
{
    public int Order => 1000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!context.IsEffectivePolicy<IAntiforgeryPolicy>(this)
            || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method)
            || http.IsTokenAuthenticated())
        {
            return;
        }

        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            context.Result = new ObjectResult(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Antiforgery token missing or invalid.",
                Detail = "A call signed in with the cookie must send the RequestVerificationToken header from the page; scripts should use a personal access token (Authorization: Bearer …) instead.",
            })
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentTypes = { "application/problem+json" },
            };
        }
    }
}
