using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>An interval in a case: an investigation, a decision, a trial, an inquest. Runs while it has no end.</summary>
public sealed class Stage
{
    private readonly List<Source> _sources = [];

    private Stage()
    {
        Label = string.Empty;
        Case = null!;
    }

    internal Stage(Case owner, StageKind kind, string label, PartialDate start, PartialDate? end, string? outcome, string? notes = null)
    {
        Case = owner;
        Kind = kind;
        Label = label.Trim();
        SetDates(start, end);
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public Case Case { get; private set; }

    public StageKind Kind { get; private set; }

    public string Label { get; private set; }

    public DateOnly? StartOn { get; private set; }

    public DatePrecision StartPrecision { get; private set; }

    /// <summary>True once the stage has ended, even when the day it ended is not known.</summary>
    public bool HasEnded { get; private set; }

    public DateOnly? EndOn { get; private set; }

    public DatePrecision EndPrecision { get; private set; }

    public string? Outcome { get; private set; }

    public string? Notes { get; private set; }

    public Guid Version { get; private set; }

    public PartialDate Start => PartialDate.FromStored(StartOn, StartPrecision);

    /// <summary>The end, or null while the stage is running.</summary>
    public PartialDate? End => HasEnded ? PartialDate.FromStored(EndOn, EndPrecision) : null;

    public bool IsRunning => !HasEnded;

    public IReadOnlyCollection<Source> Sources => _sources;

    /// <summary>How long the stage ran (to <paramref name="today"/> while running); null when a date is unknown.</summary>
    public DayRange? Duration(DateOnly today) => Start.DaysUntil(End ?? PartialDate.OnDay(today));

    public void Close(PartialDate end, string? outcome, DateTime nowUtc)
    {
        SetDates(Start, end);
        Outcome = string.IsNullOrWhiteSpace(outcome) ? Outcome : outcome.Trim();
        Touch(nowUtc);
    }

    /// <summary>Changes everything a caseworker records about the stage; a null <paramref name="end"/> means it is still running.</summary>
    public void Edit(StageKind kind, string label, PartialDate start, PartialDate? end, string? outcome, string? notes, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException("Choose a stage kind from the list.");
        }

        SetDates(start, end);
        Kind = kind;
        Label = label.Trim();
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Touch(nowUtc);
    }

    internal void AttachSource(Source source) => _sources.Add(source);

    internal void DetachSource(Source source) => _sources.Remove(source);

    private void SetDates(PartialDate start, PartialDate? end)
    {
        if (end is { IsKnown: true } known && start.IsKnown && known.Latest < start.Earliest)
        {
            throw new DomainRuleException("A stage cannot end before it starts.");
        }

        Case?.RequireNotBeforeIncident(start);

        StartOn = start.Earliest;
        StartPrecision = start.Precision;
        HasEnded = end is not null;
        EndOn = end?.Earliest;
        EndPrecision = end?.Precision ?? DatePrecision.Unknown;
    }

    private void Touch(DateTime nowUtc)
    {
        Version = Guid.NewGuid();
        Case.PartChanged(nowUtc);
    }
}
