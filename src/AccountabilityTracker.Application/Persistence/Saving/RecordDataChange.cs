using System.Data.Common;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AccountabilityTracker.Application.Persistence.Saving;

/// <summary>
/// Step 5, after the data commits: a save that changed what lists, counts and reports show appends one row to
/// <c>DataChanges</c>, so the data version (<see cref="DataVersion"/>, the read cache's token) moves on every instance.
/// A save outside any transaction, or in the one step 4 began and has just committed, records at once; a save inside
/// the caller's transaction records when that transaction commits (and not at all if it rolls back). The row is its
/// own statement after the commit, never part of the data's transaction (DataVersion says why), and it is an insert of
/// a new key, so no write ever waits for another here.
/// </summary>
public sealed partial class RecordDataChange(ILogger<RecordDataChange> logger) : SaveStep, IDbTransactionInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Tracker(eventData) is { } db && ChangesWhatListsShow(db))
        {
            db.Saving.ChangeNoted = true;
        }

        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Tracker(eventData) is { Saving.ChangeNoted: true } db)
        {
            db.Saving.ChangeNoted = false;
            if (db.Database.CurrentTransaction is null)
            {
                await RecordAsync(db);
            }
            else
            {
                db.Saving.ChangeOwed = true;
            }
        }

        return result;
    }

    // Explicit, so a hook whose signature drifted from EF's fails to compile rather than silently never running.
    DbTransaction IDbTransactionInterceptor.TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData);
        return result;
    }

    ValueTask<DbTransaction> IDbTransactionInterceptor.TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken)
    {
        Forget(eventData);
        return ValueTask.FromResult(result);
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        CommittedAsync(eventData).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        CommittedAsync(eventData);

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    /// <summary>A transaction rolled back, or one starts (so whatever was owed belonged to one disposed unfinished): nothing to record.</summary>
    private static void Forget(TransactionEndEventData eventData)
    {
        if (Tracker(eventData) is { } db)
        {
            db.Saving.ChangeOwed = false;
        }
    }

    private async Task CommittedAsync(TransactionEndEventData eventData)
    {
        if (Tracker(eventData) is { Saving.ChangeOwed: true } db)
        {
            db.Saving.ChangeOwed = false;

            // EF forgets the committed transaction only after this hook; the row must not be sent inside it.
            db.Database.UseTransaction(null);
            await RecordAsync(db);
        }
    }

    /// <summary>What the read cache keys on: cases and their parts, stored clocks, limit rules and the clock basis.</summary>
    internal static bool ChangesWhatListsShow(TrackerDbContext db) =>
        db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Case or Stage or StagePause or StageExtension or Milestone or Officer or OfficerEvent or ClockRecord or LimitRuleSetting or ClockBasis);

    /// <summary>
    /// The data is saved whatever happens here: a failure to record it (the database went away a moment after the commit)
    /// is logged, not thrown, so nobody is told a save failed that succeeded; the read cache's expiry bounds the staleness.
    /// </summary>
    private async Task RecordAsync(TrackerDbContext db)
    {
        try
        {
            await DataVersion.RecordChangeAsync(db);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException)
        {
            LogNotRecorded(logger, exception);
        }
        finally
        {
            db.ForgetDataVersion();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change was saved but its data-version row could not be written; other instances may serve cached figures from before it until the next change or the cache's expiry")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);
}
