namespace AccountabilityTracker.Application.Notifications;

/// <summary>
/// A user follows a case: they hear about its clocks, report dates and other people's edits, and its dates are in
/// their calendar feed. One row per user and case; stopping keeps the row (nothing is deleted) and following again
/// starts a new period, so a follower never hears about what happened before they (re)started.
/// </summary>
public sealed class CaseFollow
{
    private CaseFollow()
    {
        UserId = string.Empty;
    }

    private CaseFollow(string userId, int caseId, DateTime nowUtc)
    {
        UserId = userId;
        CaseId = caseId;
        StartedAtUtc = nowUtc;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public int CaseId { get; private set; }

    /// <summary>When the current period of following began: transitions and edits before it are not notified.</summary>
    public DateTime StartedAtUtc { get; private set; }

    public DateTime? StoppedAtUtc { get; private set; }

    public bool IsActive => StoppedAtUtc is null;

    public static CaseFollow Start(string userId, int caseId, DateTime nowUtc) => new(userId, caseId, nowUtc);

    /// <summary>Follows again after stopping; following an already followed case changes nothing.</summary>
    public void Resume(DateTime nowUtc)
    {
        if (StoppedAtUtc is not null)
        {
            StoppedAtUtc = null;
            StartedAtUtc = nowUtc;
        }
    }

    public void Stop(DateTime nowUtc) => StoppedAtUtc ??= nowUtc;
}
