using System.Data.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Features.Security;
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
            await RefuseUnknownMigrationsAsync(db, options);
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
                var clocks = await mediator.Send(new RecordClocks.Command(Always: rules.Added > 0));
                if (clocks.Recorded > 0)
                {
                    LogClocksRecorded(logger, clocks.Recorded, clocks.PreviousBasis ?? "none", clocks.Basis);
                }

                if (options.LoadReferenceCases)
                {
                    var result = await mediator.Send(new LoadReferenceCases.Command());
                    LogReferenceCases(logger, result.Added, result.AlreadyPresent);
                    var context = await mediator.Send(new LoadContextFigures.Command());
                    LogContextFigures(logger, context.Added, context.Replaced, context.Unchanged);
                }
            }

            if (pending.Count == 0)
            {
                await PrepareFirstRunAsync(app, scope.ServiceProvider, logger);
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException { InnerException: DbException })
        {
            throw new StartupConfigurationException(
                $"Could not open the database named by setting ConnectionStrings:Tracker ({options.Provider}): {exception.Message}");
        }
    }

    /// <summary>
    /// A database whose history names migrations this build does not have was made by another build: before the first
    /// release the migrations were squashed into one (operations.md, "Migrations"), so a database from a pre-release
    /// build cannot be upgraded in place. Migrating it would fail half-way on tables that already exist.
    /// </summary>
    private static async Task RefuseUnknownMigrationsAsync(TrackerDbContext db, DatabaseOptions options)
    {
        if (!await db.Database.CanConnectAsync())
        {
            return;
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync()).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new StartupConfigurationException(
                $"The database named by setting ConnectionStrings:Tracker ({options.Provider}) was made by another build: it records migration {unknown[0]}, which this build does not have. " +
                "A database from a pre-release build cannot be upgraded: keep it aside and start on a new, empty database (docs/operations.md, \"Migrations\").");
        }
    }

    private static async Task PrepareFirstRunAsync(WebApplication app, IServiceProvider services, ILogger logger)
    {
        var bootstrap = services.GetRequiredService<BootstrapOptions>();
        var result = await services.GetRequiredService<IMediator>().Send(new PrepareFirstRun.Command(bootstrap.AdminEmail, bootstrap.AdminPassword));
        if (result.AdministratorCreated)
        {
            LogAdministratorCreated(logger);
        }
        else if (result.SetupToken is { } token)
        {
            // Print the full address once Kestrel knows its ports, so the first visitor can click it.
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var addresses = app.Urls.Count > 0 ? app.Urls : ["(this site)"];
                // The link is a credential: it goes to the console (the operator's terminal) and never through the logger, so
                // no log file or log shipper holds a working link. The log records only that one was issued.
                foreach (var address in addresses)
                {
                    Console.Out.WriteLine($"No user exists yet. Open {address.TrimEnd('/')}/setup/{token} to create the first administrator (the link works once)");
                }

                LogSetupLinkIssued(logger);
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First administrator created from the Bootstrap settings; remove Bootstrap:AdminPassword from the configuration now")]
    private static partial void LogAdministratorCreated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user exists yet: a one-time set-up link was printed on the console (not in the log) to create the first administrator")]
    private static partial void LogSetupLinkIssued(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} migration(s) pending and Database:ApplyMigrationsAtStartup is off: /health/ready stays unhealthy until they are applied (see docs/operations.md)")]
    private static partial void LogPendingMigrations(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Limit rules: {Added} seeded from Clocks:Rules, {AlreadyPresent} already stored")]
    private static partial void LogLimitRules(ILogger logger, int added, int alreadyPresent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clocks: {Count} stored clocks computed again (basis was {PreviousBasis}, now {Basis})")]
    private static partial void LogClocksRecorded(ILogger logger, int count, string previousBasis, string basis);

    [LoggerMessage(Level = LogLevel.Information, Message = "Context figures: {Added} added, {Replaced} replaced, {Unchanged} unchanged")]
    private static partial void LogContextFigures(ILogger logger, int added, int replaced, int unchanged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference cases: {Added} added, {AlreadyPresent} already present")]
    private static partial void LogReferenceCases(ILogger logger, int added, int alreadyPresent);
}
