using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Backups;
using MediatR;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// <c>dotnet AccountabilityTracker.Web.dll --backup /path/to/file.db</c> (or <c>dotnet run -- --backup …</c>): writes an
/// online backup of the configured SQLite database with the same command as the administrator's page, then exits.
/// It can run while the app serves requests from the same database.
/// </summary>
public static partial class BackupCommand
{
    public const string Setting = "backup";

    public static async Task<int> RunAsync(WebApplication app, string target)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BackupCommand));
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateBackup.Command(Path.GetFullPath(target)));
            LogResult(logger, result.Message, result.Path ?? "(nothing written)");
            return result.Path is null ? 1 : 0;
        }
        catch (RequestValidationException invalid)
        {
            LogRefused(logger, string.Join(" ", invalid.Errors.SelectMany(e => e.Value)));
            return 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} {Path}")]
    private static partial void LogResult(ILogger logger, string message, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
