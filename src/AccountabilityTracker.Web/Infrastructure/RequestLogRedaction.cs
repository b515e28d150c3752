using Serilog.Events;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// The request log's properties (with the user id and correlation id of <see cref="RequestLogContext"/>), with secrets
/// in paths replaced: the one-time set-up link carries its token in the
/// path, and a log file must never hold a working link.
/// </summary>
public static class RequestLogRedaction
{
    public const string Redacted = "[redacted]";

    public static IEnumerable<LogEventProperty> Properties(HttpContext context, string requestPath, double elapsedMilliseconds, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        return
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(RedactPath(requestPath))),
            new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsedMilliseconds)),
            new LogEventProperty(RequestLogContext.CorrelationIdProperty, new ScalarValue(RequestLogContext.CorrelationId(context))),
            new LogEventProperty(RequestLogContext.UserIdProperty, new ScalarValue(RequestLogContext.UserId(context))),
        ];
    }

    public static string RedactPath(string path) =>
        path.StartsWith("/setup/", StringComparison.OrdinalIgnoreCase) ? "/setup/" + Redacted : path;
}
