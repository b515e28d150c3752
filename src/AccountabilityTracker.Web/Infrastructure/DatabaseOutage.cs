using System.Data.Common;
using AccountabilityTracker.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// The database cannot be reached (server stopped, network gone, file locked by another process): pages answer a 503
/// page and the API a 503 ProblemDetails, both saying that nothing was saved, with Retry-After. Nothing is cached about
/// the outage, so the next request after the database returns simply works.
/// </summary>
public sealed partial class DatabaseOutage(IProblemDetailsService problemDetails, ILogger<DatabaseOutage> logger) : IExceptionHandler
{
    public const string Title = "The database cannot be reached right now, so nothing was saved. Try again in a minute.";

    private const string RetryAfterSeconds = "30";

    /// <summary>True when <paramref name="exception"/> (or one it wraps) means the database is unreachable or locked, not that the request was wrong.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLITE_BUSY, SQLITE_LOCKED: another connection holds the file past the busy timeout.
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 5 or 6;

                // Server-side: connection exceptions (08), shutdown and start-up (57P01-57P03), out of resources (53).
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState is "57P01" or "57P02" or "57P03";

                // Client-side Npgsql failures: refused or broken connections, timeouts.
                case NpgsqlException:
                    return true;

                // A server that goes away between two commands of a transaction breaks the connection; Npgsql then answers
                // the next command with these instead of a connection error.
                case InvalidOperationException { Source: "Npgsql" } npgsqlState
                    when npgsqlState.Message.StartsWith("Transaction is already completed", StringComparison.Ordinal)
                        || npgsqlState.Message.StartsWith("Connection is not open", StringComparison.Ordinal):
                    return true;

                // SQL Server: timeout, network and login failures, a database offline (942) or not openable (4060).
                case SqlException sql:
                    return sql.IsTransient || sql.Number is -2 or 2 or 53 or 121 or 233 or 942 or 4060 or 10053 or 10054 or 10060 or 10061;

                case DbException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsOutage(exception))
        {
            return false;
        }

        LogOutage(logger, httpContext.Request.Path, exception.GetType().Name, exception.Message);

        // Pooled connections opened before the outage are dead; drop them so the first request after recovery succeeds.
        NpgsqlConnection.ClearAllPools();
        SqlConnection.ClearAllPools();
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        if (!httpContext.IsApiRequest())
        {
            return false;   // the error page (status 503 from the status selector in Program.cs) is rendered next
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = Title },
            Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable while serving {Path}: {ExceptionType} {Reason}")]
    private static partial void LogOutage(ILogger logger, string path, string exceptionType, string reason);
}
