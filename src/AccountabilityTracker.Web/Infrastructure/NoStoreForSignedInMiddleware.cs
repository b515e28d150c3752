namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Nothing a signed-in user (cookie or API token) is shown may be kept by a browser or a shared cache: pages, timeline
/// and comparison JSON, every API answer and export. Decided when the response starts, after authorization has run
/// (the API's token scheme authenticates there). Static files are served before this and stay cacheable.
/// </summary>
public sealed class NoStoreForSignedInMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            if (context.User.Identity?.IsAuthenticated == true || context.Request.Headers.Authorization.Count > 0)
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
