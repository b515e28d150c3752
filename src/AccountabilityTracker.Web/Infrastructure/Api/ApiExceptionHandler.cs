using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Infrastructure.Api;

/// <summary>
/// For /api paths only: an exception becomes a ProblemDetails, never an HTML page. A validation failure is a 400 with
/// its errors per field (a stale edit a 409); anything else a 500 that says nothing about the server's insides.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!httpContext.IsApiRequest())
        {
            return false;
        }

        ProblemDetails problem;
        if (exception is RequestValidationException invalid)
        {
            problem = ApiProblems.Validation(invalid);
        }
        else if (exception is DomainRuleException broken)
        {
            // The stored state refused the change (e.g. archiving a case someone has just archived): say why, change nothing.
            problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The change does not fit the record as it is now; nothing was saved.", Detail = broken.Message };
        }
        else if (exception is BadHttpRequestException badRequest)
        {
            problem = new ProblemDetails { Status = badRequest.StatusCode, Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? ApiProblems.TooLargeTitle : "The request could not be read." };
        }
        else
        {
            LogUnhandled(logger, exception, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on the server. The error has been logged." };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on API path {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}

public static class ApiProblems
{
    public const string TooLargeTitle = "The request is too large: import files are limited to 20 MB.";

    public const string ConflictTitle = "Someone else saved this record after you read it; nothing was saved.";

    /// <summary>
    /// A 400 with the messages per field; a stale edit (<see cref="EditConflictException"/>) a 409 whose errors say, beside
    /// each field that differs, what is stored now, with <c>currentVersion</c> to send to overwrite it deliberately.
    /// </summary>
    public static ValidationProblemDetails Validation(RequestValidationException invalid)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        var problem = new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
        if (invalid is EditConflictException conflict)
        {
            problem.Status = StatusCodes.Status409Conflict;
            problem.Title = ConflictTitle;
            problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10";
            problem.Extensions["currentVersion"] = conflict.CurrentVersion;
            if (conflict.Current is { } current)
            {
                problem.Extensions["current"] = current;
            }
        }

        return problem;
    }
}
