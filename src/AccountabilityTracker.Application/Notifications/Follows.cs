using AccountabilityTracker.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Notifications;

/// <summary>Starting to follow, once: from the Follow button and when a caseworker creates a case.</summary>
public static class Follows
{
    /// <summary>Adds (or resumes) the follow in the context; the caller saves.</summary>
    public static async Task StartAsync(TrackerDbContext db, string userId, int caseId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var follow = await db.CaseFollows.SingleOrDefaultAsync(f => f.UserId == userId && f.CaseId == caseId, cancellationToken);
        if (follow is null)
        {
            db.CaseFollows.Add(CaseFollow.Start(userId, caseId, nowUtc));
        }
        else
        {
            follow.Resume(nowUtc);
        }
    }
}
