namespace AccountabilityTracker.Web.Infrastructure.Api;

/// <summary>
/// An address under /api that no endpoint serves (an unknown path, or an export format that does not exist) is a 404
/// ProblemDetails whatever the credentials: without this the sign-in fallback policy would answer 401 even to a valid
/// token, as if the token were the problem. Runs after routing, before authentication.
/// </summary>
public sealed class UnknownApiPathMiddleware(RequestDelegate next)
{
    /// <summary>The name routing gives the endpoint it picks when an address exists but not for the request's method.</summary>
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        if (!context.IsApiRequest())
        {
            await next(context);
            return;
        }

        switch (context.GetEndpoint())
        {
            case { DisplayName: MethodNotAllowedEndpoint, RequestDelegate: { } methodNotAllowed }:
                // A known address with the wrong method: 405 (with its Allow header) whatever the credentials, too.
                await methodNotAllowed(context);
                return;
            case not null:
                await next(context);
                return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found",
                Detail = "There is no API endpoint at this address. The endpoints are listed in /openapi/v1.json (see docs/api.md).",
            },
        });
    }
}
