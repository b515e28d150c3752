using AccountabilityTracker.Application.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Infrastructure.Api;

/// <summary>
/// For /api paths only: an exception becomes a ProblemDetails, never an HTML page. A validation failure is a 400 with
/// its errors per field; anything else a 500 that says nothing about the server's insides.
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

    public static ValidationProblemDetails Validation(RequestValidationException invalid)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        return new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
    }
}
