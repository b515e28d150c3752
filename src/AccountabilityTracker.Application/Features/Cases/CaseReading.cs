using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>Loading one whole case for reading (the case page, its timeline), with the archive rule (CaseVisibility).</summary>
internal static class CaseReading
{
    /// <summary>
    /// The case with its stages (and their pauses and extensions), milestones, officers, officer events (not removed) and sources, untracked; null when it
    /// does not exist or is archived and the user is not an administrator (who alone can see and restore archived cases).
    /// </summary>
    public static async Task<Case?> LoadVisibleAsync(TrackerDbContext db, ICurrentUser currentUser, int id, CancellationToken cancellationToken)
    {
        return await db.Cases
            .VisibleTo(currentUser)
            .AsNoTracking()
            .AsSplitQuery()
            .Include(c => c.Stages).ThenInclude(s => s.Pauses)
            .Include(c => c.Stages).ThenInclude(s => s.Extensions)
            .Include(c => c.Milestones)
            .Include(c => c.Officers)
            .Include(c => c.OfficerEvents.Where(e => !e.IsRemoved))
            .Include(c => c.Sources)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }
}
