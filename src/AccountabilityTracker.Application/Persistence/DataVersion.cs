using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AccountabilityTracker.Application.Persistence;

/// <summary>
/// The data version: a cache token, not a lock. It is the highest id in <c>DataChanges</c>, an append-only table that
/// gets one row, in its own tiny statement, after every committed change to what lists, counts and reports show (cases
/// and their parts, stored clocks, limit rules, the clock basis: step 5 of <see cref="Saving.SavePipeline"/>).
/// <see cref="Common.ReadCache"/> keys every figure on it. No write takes a lock that another write waits for: a change
/// row is an insert of a new key, and ids come from the database's own generator (an identity column on PostgreSQL and
/// SQL Server, AUTOINCREMENT on SQLite).
/// <para>
/// Why a cached figure is never served after a change it could have seen. Ids are handed out in increasing order in
/// time, and a change row is inserted only after its data has committed. Say a request reads version V at time t and
/// then computes a figure, which is cached under V. Every change whose row is at most V had its row handed out before t
/// (V was visible at t), so its data committed before t and the computation, which starts after t, sees it. Any change
/// the computation missed committed after the computation started, so after t; its row is handed out after that, so
/// its id is greater than V. From the moment that row commits, every instance reads a version greater than V, and the
/// figure cached under V is never served again. A figure can therefore miss a change only to a request that read the
/// version between that change's commit and its row's commit: a request that began before the writer's save returned.
/// Anyone who has seen a save succeed (the writer, or whoever it told) reads a newer version on any instance. Rows
/// committing out of id order do not matter: the argument never assumes that a lower id is visible.
/// </para>
/// <para>
/// Because the row is written after the commit, a process that dies (or loses the database) between the two leaves its
/// change without a row: until the next change anywhere, other instances may serve figures from before it. The read
/// cache bounds that with an absolute expiry. The row is never written inside the data's transaction: its id would be
/// handed out before the commit, so a later change could commit, and be read, first, and this one would then commit
/// under an id no greater than a version already read.
/// </para>
/// </summary>
public static class DataVersion
{
    /// <summary>Rows kept below the newest when the table is pruned; only the newest matters.</summary>
    internal const int RowsKept = 1_000;

    /// <summary>How many changes a process records between two prunes.</summary>
    internal const int PruneEvery = 100;

    private static long _recorded;

    /// <summary>The version now: 0 before the first change.</summary>
    public static async Task<long> ReadAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.DataChanges.OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Appends one change row in a statement of its own (the caller's change has committed; nothing is in a transaction),
    /// and now and then prunes old rows. The caller's cancellation does not apply: the data is already saved.
    /// </summary>
    public static async Task RecordChangeAsync(TrackerDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync(InsertSql(db.GetService<ISqlGenerationHelper>()), CancellationToken.None);
        if (Interlocked.Increment(ref _recorded) % PruneEvery == 0)
        {
            await PruneAsync(db, CancellationToken.None);
        }
    }

    /// <summary>Deletes rows far below the newest; never the newest, so the version never goes back.</summary>
    internal static Task<int> PruneAsync(TrackerDbContext db, CancellationToken cancellationToken) =>
        db.DataChanges.Where(c => c.Id < db.DataChanges.Max(m => m.Id) - RowsKept).ExecuteDeleteAsync(cancellationToken);

    /// <summary>An insert of nothing but a new id, quoted for the provider (EF has no insert statement outside SaveChanges).</summary>
    internal static string InsertSql(ISqlGenerationHelper sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return string.Concat("INSERT INTO ", sql.DelimitIdentifier(TableName), " DEFAULT VALUES");
    }

    internal const string TableName = "DataChanges";
}
