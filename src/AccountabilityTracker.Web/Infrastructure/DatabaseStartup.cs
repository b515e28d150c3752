using System.Data.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Web.Infrastructure;

public static partial class DatabaseStartup
{
    /// <summary>Applies migrations and loads the reference cases, as configured, before the app takes requests.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackerDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        try
        {
            if (options.ApplyMigrationsAtStartup)
            {
                await db.Database.MigrateAsync();
                LogMigrated(logger, db.Database.ProviderName ?? options.Provider);
            }
            else if (!await db.Database.CanConnectAsync())
            {
                throw new StartupConfigurationException(
                    $"Could not connect to the database named by setting ConnectionStrings:Tracker ({options.Provider}).");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                LogPendingMigrations(logger, pending.Count);
            }
            else
            {
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var rules = await mediator.Send(new SeedLimitRules.Command());
                LogLimitRules(logger, rules.Added, rules.AlreadyPresent);
                if (options.LoadReferenceCases)
                {
                    var result = await mediator.Send(new LoadReferenceCases.Command());
                    LogReferenceCases(logger, result.Added, result.AlreadyPresent);
                }
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException { InnerException: DbException })
        {
            throw new StartupConfigurationException(
                $"Could not open the database named by setting ConnectionStrings:Tracker ({options.Provider}): {exception.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} migration(s) pending and Database:ApplyMigrationsAtStartup is off: /health/ready stays unhealthy until they are applied (see docs/operations.md)")]
    private static partial void LogPendingMigrations(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Limit rules: {Added} seeded from Clocks:Rules, {AlreadyPresent} already stored")]
    private static partial void LogLimitRules(ILogger logger, int added, int alreadyPresent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference cases: {Added} added, {AlreadyPresent} already present")]
    private static partial void LogReferenceCases(ILogger logger, int added, int alreadyPresent);
}
