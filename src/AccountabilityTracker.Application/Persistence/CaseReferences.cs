using System.Data.Common;
using System.Globalization;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AccountabilityTracker.Application.Persistence;

/// <summary>
/// Hands out case references (ATC-YYYY-NNNN) from each incident year's own sequence (<see cref="CaseReferenceSequence"/>).
/// <see cref="ReserveAsync"/> runs inside the transaction that saves the new cases and locks the row of every year it
/// will take numbers in, lowest year first (so two writers never wait on each other in a circle); the lock is held until
/// that transaction ends, so writers creating cases in the same year queue one behind another and each reads what the
/// one before committed, while writers in other years, and every other write, go on. A year's next number is one more
/// than the larger of its sequence and its highest stored reference (imports and older data store references that never
/// went through the sequence, and leave gaps, so it is not a count). The unique index on <c>Cases.Reference</c> still
/// refuses a duplicate stored by anything that bypasses this class. Only a preview, which saves nothing, reads the
/// numbers without a lock (<see cref="Preview"/>).
/// </summary>
public sealed class CaseReferences
{
    internal const string TableName = "CaseReferenceSequences";

    private const string Savepoint = "case_reference_year";

    private readonly TrackerDbContext _db;
    private readonly HashSet<int>? _locked;
    private readonly Dictionary<int, int> _next = [];

    private CaseReferences(TrackerDbContext db, HashSet<int>? locked)
    {
        _db = db;
        _locked = locked;
    }

    /// <summary>References in <paramref name="incidentYears"/> for cases saved in the caller's open transaction.</summary>
    public static async Task<CaseReferences> ReserveAsync(TrackerDbContext db, IEnumerable<int> incidentYears, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incidentYears);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Case references are taken inside the transaction that saves the new cases.");
        }

        var years = incidentYears.ToHashSet();
        foreach (var year in years.Order())
        {
            await LockYearAsync(db, year, cancellationToken);
        }

        return new CaseReferences(db, years);
    }

    /// <summary>References as they would be given now, for a preview that saves nothing.</summary>
    public static CaseReferences Preview(TrackerDbContext db) => new(db, null);

    public async Task<string> TakeAsync(int incidentYear, CancellationToken cancellationToken)
    {
        if (_locked is not null && !_locked.Contains(incidentYear))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Incident year {incidentYear} was not reserved: reserve every year first, so locks are taken in one order."));
        }

        if (!_next.TryGetValue(incidentYear, out var next))
        {
            var last = await _db.CaseReferenceSequences.AsNoTracking().Where(s => s.Year == incidentYear).Select(s => (int?)s.Last).FirstOrDefaultAsync(cancellationToken) ?? 0;
            next = Math.Max(last, await HighestStoredAsync(incidentYear, cancellationToken)) + 1;
        }

        _next[incidentYear] = next + 1;
        if (_locked is not null)
        {
            await _db.CaseReferenceSequences.Where(s => s.Year == incidentYear).ExecuteUpdateAsync(s => s.SetProperty(x => x.Last, next), cancellationToken);
        }

        return Case.FormatReference(incidentYear, next);
    }

    /// <summary>
    /// Locks the year's row (an update that changes nothing still holds the row until the transaction ends). A year
    /// never used before gets its row first; when another writer creates the same row at the same moment, the primary
    /// key admits one, the other's insert fails (inside a savepoint, so its transaction goes on) and it locks the row
    /// that won. On SQLite the transaction's write lock already excludes every other writer.
    /// </summary>
    private static async Task LockYearAsync(TrackerDbContext db, int year, CancellationToken cancellationToken)
    {
        if (await LockAsync(db, year, cancellationToken))
        {
            return;
        }

        // Where savepoints exist (SQLite, PostgreSQL, SQL Server without MARS) a refused insert is undone to one, since
        // PostgreSQL would otherwise abort the whole transaction; SQL Server undoes only the failed statement anyway.
        var savepoint = db.Database.CurrentTransaction is { SupportsSavepoints: true } transaction ? transaction : null;
        if (savepoint is not null)
        {
            await savepoint.CreateSavepointAsync(Savepoint, cancellationToken);
        }

        try
        {
            await db.Database.ExecuteSqlRawAsync(InsertSql(db.GetService<ISqlGenerationHelper>()), [year], cancellationToken);
        }
        catch (DbException raced)
        {
            if (savepoint is not null)
            {
                await savepoint.RollbackToSavepointAsync(Savepoint, cancellationToken);
            }

            if (!await LockAsync(db, year, cancellationToken))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Could not create or lock the case-reference sequence of {year}."), raced);
            }

            return;
        }

        if (savepoint is not null)
        {
            await savepoint.ReleaseSavepointAsync(Savepoint, cancellationToken);
        }
    }

    private static async Task<bool> LockAsync(TrackerDbContext db, int year, CancellationToken cancellationToken) =>
        await db.CaseReferenceSequences.Where(s => s.Year == year).ExecuteUpdateAsync(s => s.SetProperty(x => x.Last, x => x.Last), cancellationToken) > 0;

    /// <summary>A new year's row, quoted for the provider; its one parameter is the year.</summary>
    internal static string InsertSql(ISqlGenerationHelper sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return string.Concat(
            "INSERT INTO ", sql.DelimitIdentifier(TableName), " (", sql.DelimitIdentifier(nameof(CaseReferenceSequence.Year)), ", ",
            sql.DelimitIdentifier(nameof(CaseReferenceSequence.Last)), ") VALUES ({0}, 0)");
    }

    private async Task<int> HighestStoredAsync(int incidentYear, CancellationToken cancellationToken)
    {
        var prefix = Case.FormatReference(incidentYear, 0)[..^4];

        // Sequences past 9999 have five digits: the longest reference is the highest, then the ordinal order decides.
        var highest = await _db.Cases.AsNoTracking()
            .Where(c => c.Reference.StartsWith(prefix))
            .OrderByDescending(c => c.Reference.Length).ThenByDescending(c => c.Reference)
            .Select(c => c.Reference)
            .FirstOrDefaultAsync(cancellationToken);
        return highest is not null && int.TryParse(highest.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;
    }
}
