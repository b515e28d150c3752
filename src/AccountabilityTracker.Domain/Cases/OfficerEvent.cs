using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>Something that happened to one officer of a case. Suspension and restricted duties are periods; the rest are points.</summary>
public enum OfficerEventKind
{
    Arrested = 1,
    InterviewedUnderCaution = 2,
    CriminalNoticeServed = 3,
    MisconductNoticeServed = 4,
    Charged = 5,
    Suspended = 6,
    RestrictedDuties = 7,
    ReturnedToDuty = 8,
    Named = 9,
}

public static class OfficerEventKinds
{
    /// <summary>True for the kinds that last (a suspension, restricted duties): they may have an end, and run until they do.</summary>
    public static bool IsPeriod(this OfficerEventKind kind) => kind is OfficerEventKind.Suspended or OfficerEventKind.RestrictedDuties;

    public static string DisplayName(this OfficerEventKind kind) => kind switch
    {
        OfficerEventKind.Arrested => "Arrested",
        OfficerEventKind.InterviewedUnderCaution => "Interviewed under caution",
        OfficerEventKind.CriminalNoticeServed => "Criminal notice served",
        OfficerEventKind.MisconductNoticeServed => "Misconduct notice served",
        OfficerEventKind.Charged => "Charged",
        OfficerEventKind.Suspended => "Suspended",
        OfficerEventKind.RestrictedDuties => "Restricted duties",
        OfficerEventKind.ReturnedToDuty => "Returned to duty",
        OfficerEventKind.Named => "Named",
        _ => kind.ToString(),
    };
}

/// <summary>
/// An event in one officer's part of a case (arrested, interviewed under caution, a notice served, charged, named) or a
/// period (suspended, restricted duties) that runs until its end is recorded. Removing one hides it; nothing is deleted.
/// </summary>
public sealed class OfficerEvent
{
    private OfficerEvent()
    {
        Case = null!;
        Officer = null!;
    }

    internal OfficerEvent(Case owner, Officer officer, OfficerEventKind kind, PartialDate on, PartialDate? end, string? notes)
    {
        Case = owner;
        Officer = officer;
        Apply(kind, on, end, notes);
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public Case Case { get; private set; }

    public int OfficerId { get; private set; }

    public Officer Officer { get; private set; }

    public OfficerEventKind Kind { get; private set; }

    public DateOnly? OccurredOn { get; private set; }

    public DatePrecision Precision { get; private set; }

    public PartialDate Date => PartialDate.FromStored(OccurredOn, Precision);

    /// <summary>The end of a period (suspension, restricted duties); null while it runs, and always for a point.</summary>
    public DateOnly? EndedOn { get; private set; }

    public DatePrecision? EndPrecision { get; private set; }

    public PartialDate? End => EndPrecision is { } precision ? PartialDate.FromStored(EndedOn, precision) : null;

    /// <summary>
    /// When a period ended: running while it has no end, ended undated when its end precision is unknown (the record says
    /// it ended, not when). Always running for a point event, which has no end.
    /// </summary>
    public Ending Ending => EndingFromStored(EndedOn, EndPrecision);

    /// <summary>The ending stored columns say: no end precision is running; an unknown one ended undated.</summary>
    public static Ending EndingFromStored(DateOnly? endedOn, DatePrecision? endPrecision) =>
        endPrecision is { } precision ? Ending.On(PartialDate.FromStored(endedOn, precision)) : Ending.Running;

    /// <summary>A period without an end: still running.</summary>
    public bool IsOpenPeriod => Kind.IsPeriod() && EndPrecision is null;

    public string? Notes { get; private set; }

    /// <summary>Removed by an editor (recorded in error): hidden everywhere, kept in the database and in history.</summary>
    public bool IsRemoved { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every edit, so two people editing it never overwrite each other.</summary>
    public Guid Version { get; private set; }

    /// <summary>The days a period lasted (to today while it runs); null for a point or an unknown date.</summary>
    public DayRange? Duration(DateOnly today) =>
        !Kind.IsPeriod() ? null : Ending.DaysFrom(Date, today);

    public void Edit(Officer officer, OfficerEventKind kind, PartialDate on, PartialDate? end, string? notes, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(officer);
        Case.RequireOwnOfficer(officer);

        Officer = officer;
        Apply(kind, on, end, notes);
        Case.PartChanged(nowUtc);
    }

    public void Remove(DateTime nowUtc)
    {
        if (IsRemoved)
        {
            throw new DomainRuleException("The event is already removed.");
        }

        IsRemoved = true;
        Version = Guid.NewGuid();
        Case.PartChanged(nowUtc);
    }

    private void Apply(OfficerEventKind kind, PartialDate on, PartialDate? end, string? notes)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException("Choose what happened from the list.");
        }

        if (end is not null && !kind.IsPeriod())
        {
            throw new DomainRuleException($"“{kind.DisplayName()}” is a single event: only a suspension or restricted duties has an end.");
        }

        if (Stage.EndsBeforeStart(on, end))
        {
            throw new DomainRuleException("A period cannot end before it starts.");
        }

        if (Case.IsBeforeIncident(on))
        {
            throw new DomainRuleException($"An officer event cannot be before the incident ({Case.IncidentDate}).");
        }

        Kind = kind;
        OccurredOn = on.Earliest;
        Precision = on.Precision;
        EndedOn = end?.Earliest;
        EndPrecision = end?.Precision;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Version = Guid.NewGuid();
    }
}
