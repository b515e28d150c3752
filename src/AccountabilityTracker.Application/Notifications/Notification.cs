namespace AccountabilityTracker.Application.Notifications;

public enum NotificationKind
{
    Approaching = 1,
    PossiblyOverdue = 2,
    Overdue = 3,
    ConcludedInTime = 4,
    ConcludedLate = 5,
    Concluded = 6,
    ReportDue = 7,
    Edited = 8,
}

/// <summary>
/// Something a follower of a case should hear about. The text is written when the notification is raised and holds
/// nothing restricted (no officer real names, no confidential notes, whatever the recipient's role). At most one row
/// exists per recipient, kind, subject and date concerned (a unique index), so raising it again (another run, a
/// restart, a second instance) adds nothing.
/// </summary>
public sealed class Notification
{
    public const int SubjectLength = 40;
    public const int TextLength = 600;

    private Notification()
    {
        UserId = string.Empty;
        Subject = string.Empty;
        Text = string.Empty;
    }

    internal Notification(string userId, int caseId, int? stageId, NotificationKind kind, string subject, DateOnly concernsOn, string text, DateTime createdAtUtc)
    {
        UserId = userId;
        CaseId = caseId;
        StageId = stageId;
        Kind = kind;
        Subject = subject;
        ConcernsOn = concernsOn;
        Text = text.Length > TextLength ? text[..(TextLength - 1)] + "…" : text;
        CreatedAtUtc = createdAtUtc;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public int CaseId { get; private set; }

    public int? StageId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>What the notification is about, as part of its identity: "stage:12", "case:7" or "edit:345" (the first history entry of a save).</summary>
    public string Subject { get; private set; }

    /// <summary>The date the transition concerns (the warning or due date, the report date, the day of the edit).</summary>
    public DateOnly ConcernsOn { get; private set; }

    public string Text { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    public static string StageSubject(int stageId) => "stage:" + stageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string CaseSubject(int caseId) => "case:" + caseId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string EditSubject(long historyEntryId) => "edit:" + historyEntryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
