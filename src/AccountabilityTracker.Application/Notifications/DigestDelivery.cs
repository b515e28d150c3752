namespace AccountabilityTracker.Application.Notifications;

public enum DigestStatus
{
    /// <summary>Claimed by a run that is sending it now (or that died while sending: retried once the claim is old).</summary>
    Sending = 1,
    Sent = 2,
    Failed = 3,

    /// <summary>Nothing changed and the user asked for digests only when something did.</summary>
    Skipped = 4,
}

/// <summary>
/// One user's digest for one day (England): the record of what was sent, and the claim that keeps it to once a day.
/// The unique index on (user, day) means two runs (a restart, a second instance) can never both claim it.
/// </summary>
public sealed class DigestDelivery
{
    public const int MaxAttempts = 5;
    public const int SummaryLength = 4000;
    public const int ErrorLength = 1000;

    /// <summary>A claim older than this belongs to a run that died mid-send: the digest may be tried again.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(15);

    private DigestDelivery()
    {
        UserId = string.Empty;
    }

    internal DigestDelivery(string userId, DateOnly day, DateTime nowUtc)
    {
        UserId = userId;
        Day = day;
        Status = DigestStatus.Sending;
        Attempts = 1;
        ClaimedAtUtc = nowUtc;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public DateOnly Day { get; private set; }

    public DigestStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime ClaimedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public int CaseCount { get; private set; }

    public int NotificationCount { get; private set; }

    /// <summary>What was sent: the case references in the digest.</summary>
    public string? Summary { get; private set; }

    public string? LastError { get; private set; }

    internal void Sent(DateTime nowUtc, int cases, int notifications, string summary)
    {
        Status = DigestStatus.Sent;
        SentAtUtc = nowUtc;
        CaseCount = cases;
        NotificationCount = notifications;
        Summary = summary.Length > SummaryLength ? summary[..SummaryLength] : summary;
        LastError = null;
    }

    internal void Skip() => Status = DigestStatus.Skipped;

    internal void Fail(string error)
    {
        Status = DigestStatus.Failed;
        LastError = error.Length > ErrorLength ? error[..ErrorLength] : error;
    }
}
