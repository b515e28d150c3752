using System.Globalization;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Common;

/// <summary>The one sequence of case references, ATC-{incident year}-{seq:0000}, for the form, the API, imports and reference data.</summary>
public static class CaseReferences
{
    /// <summary>One more than the highest sequence used in the year (not a count: robust to gaps and imports).</summary>
    public static async Task<string> NextAsync(TrackerDbContext db, int year, CancellationToken cancellationToken) =>
        Case.FormatReference(year, await HighestAsync(db, year, cancellationToken) + 1);

    /// <summary>The highest sequence number used in the incident year, 0 when none.</summary>
    public static async Task<int> HighestAsync(TrackerDbContext db, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = Case.FormatReference(year, 0)[..^4];
        var taken = await db.Cases.AsNoTracking().Where(c => c.Reference.StartsWith(prefix)).Select(c => c.Reference).ToListAsync(cancellationToken);
        return taken
            .Select(r => int.TryParse(r.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
    }
}
