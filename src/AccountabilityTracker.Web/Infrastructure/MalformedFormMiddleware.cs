namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// A form body the framework cannot decode (e.g. an encoded NUL character, which no browser sends) is a bad request:
/// 400, never a 500 from deep inside model binding or the antiforgery check. Runs after authorization, so callers
/// without the right still get the sign-in redirect or 403.
/// </summary>
public sealed class MalformedFormMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Only URL-encoded forms: multipart uploads (imports) are read by their endpoints under their own size limits.
        if (context.Request.HasFormContentType
            && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(context);
    }
}
