using System.Diagnostics;
using System.Security.Claims;
using Serilog.Context;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Who and which request every log event belongs to: the signed-in user's id (an opaque id, never the e-mail address)
/// and a correlation id, the same reference the error page asks a user to quote (the W3C trace id when there is one).
/// </summary>
public static class RequestLogContext
{
    public const string UserIdProperty = "UserId";

    public const string CorrelationIdProperty = "CorrelationId";

    public static string CorrelationId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Activity.Current?.Id ?? context.TraceIdentifier;
    }

    public static string? UserId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }

    /// <summary>Adds both to every event logged for the rest of the request (after authentication, so the user is known).</summary>
    public static IApplicationBuilder UseRequestLogContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (LogContext.PushProperty(CorrelationIdProperty, CorrelationId(context)))
            using (LogContext.PushProperty(UserIdProperty, UserId(context)))
            {
                await next(context);
            }
        });
}
