using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.Application.History;

public enum CasePart
{
    Case = 1,
    Stage = 2,
    Milestone = 3,
    Officer = 4,
    Source = 5,
}

public enum HistoryChange
{
    Created = 1,
    Edited = 2,
    Deleted = 3,
}

/// <summary>
/// One field of a case or of one of its parts changed: who, when (UTC), old and new value. Append-only: the DbContext
/// refuses updates and deletes. Written by <see cref="CaseHistoryInterceptor"/> for every save, so no handler can forget it.
/// </summary>
public sealed class CaseHistoryEntry
{
    private CaseHistoryEntry()
    {
        Case = null!;
        Field = string.Empty;
        Actor = string.Empty;
    }

    internal CaseHistoryEntry(CasePart part, HistoryChange change, string field, string? oldValue, string? newValue, bool isRestricted, string actor, DateTime occurredAtUtc)
    {
        Case = null!;
        Part = part;
        Change = change;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
        IsRestricted = isRestricted;
        Actor = actor;
        OccurredAtUtc = occurredAtUtc;
    }

    public long Id { get; private set; }

    public int CaseId { get; internal set; }

    public Case Case { get; internal set; }

    public CasePart Part { get; private set; }

    public int? StageId { get; private set; }

    public Stage? Stage { get; internal set; }

    public int? MilestoneId { get; private set; }

    public Milestone? Milestone { get; internal set; }

    public int? OfficerId { get; private set; }

    public Officer? Officer { get; internal set; }

    public int? SourceId { get; private set; }

    public Source? Source { get; internal set; }

    public HistoryChange Change { get; private set; }

    public string Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    /// <summary>The field is restricted (an officer's real name, confidential notes): values are masked for roles that may not see them.</summary>
    public bool IsRestricted { get; private set; }

    public string Actor { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }
}
