using System.Globalization;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Persistence;

/// <summary>
/// Hands out case references (ATC-YYYY-NNNN): each incident year's sequence continues from the highest number stored
/// (imports leave gaps, so it is not a count). Two writers never take the same number: <see cref="ReserveAsync"/> runs
/// inside the transaction that saves the new cases and first takes the data-version row lock, which every save that adds
/// a case takes anyway; from that point writers adding cases queue one behind another, and each reads the references the
/// others committed. Only a preview, which saves nothing, reads them without the lock (<see cref="PreviewAsync"/>).
/// </summary>
public sealed class CaseReferences
{
    private readonly TrackerDbContext _db;
    private readonly Dictionary<int, int> _next = [];

    private CaseReferences(TrackerDbContext db) => _db = db;

    /// <summary>References for cases saved in the caller's open transaction.</summary>
    public static async Task<CaseReferences> ReserveAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Case references are taken inside the transaction that saves the new cases.");
        }

        await db.BumpDataVersionAsync(cancellationToken);
        return new CaseReferences(db);
    }

    /// <summary>References as they would be given now, for a preview that saves nothing.</summary>
    public static CaseReferences Preview(TrackerDbContext db) => new(db);

    public async Task<string> TakeAsync(int incidentYear, CancellationToken cancellationToken)
    {
        if (!_next.TryGetValue(incidentYear, out var next))
        {
            next = await HighestStoredAsync(incidentYear, cancellationToken) + 1;
        }

        _next[incidentYear] = next + 1;
        return Case.FormatReference(incidentYear, next);
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
