using System.Globalization;

using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>An interval in a case: an investigation, a decision, a trial, an inquest. Runs while it has no end.</summary>
public sealed class Stage
{
    private readonly List<Source> _sources = [];
    private readonly List<StagePause> _pauses = [];
    private readonly List<StageExtension> _extensions = [];

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
        OutcomeType = Outcome is null ? OutcomeType.None : OutcomeType.Unclassified;
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

    /// <summary>For a stage ended with its start and end both known to the day: the days from start to end; else null.</summary>
    public int? DurationDays { get; private set; }

    /// <summary>
    /// For the same stages: how many whole months from the start fall before the end day (<see cref="StageSpan.MonthsBeforeEnd"/>),
    /// so the stage overran an N-month limit exactly when this is at least N. Stored, like <see cref="DurationDays"/>, so a
    /// limit scenario over every stage makes one comparison per row in SQL instead of calendar arithmetic on its dates.
    /// </summary>
    public int? MonthsBeforeEnd { get; private set; }

    public string? Outcome { get; private set; }

    /// <summary>The outcome from the controlled list; <see cref="Outcome"/> holds the free-text detail.</summary>
    public OutcomeType OutcomeType { get; private set; }

    public string? Notes { get; private set; }

    public Guid Version { get; private set; }

    /// <summary>The stage's clock as last computed from its dates, pauses, extensions and rule (not a caseworker's edit).</summary>
    public ClockRecord Clock { get; private set; } = new();

    public PartialDate Start => PartialDate.FromStored(StartOn, StartPrecision);

    /// <summary>The end, or null while the stage is running (<see cref="PartialDate.Unknown"/> when it ended undated).</summary>
    public PartialDate? End => HasEnded ? PartialDate.FromStored(EndOn, EndPrecision) : null;

    /// <summary>When the stage ended, or that it still runs: the one value every page, report and export reads.</summary>
    public Ending Ending => Ending.FromStored(HasEnded, EndOn, EndPrecision);

    public bool IsRunning => !HasEnded;

    public IReadOnlyCollection<Source> Sources => _sources;

    /// <summary>Periods the stage's clock stood still; paused days do not count against its limit.</summary>
    public IReadOnlyCollection<StagePause> Pauses => _pauses;

    /// <summary>New limits granted for this stage; the latest granted is in force.</summary>
    public IReadOnlyCollection<StageExtension> Extensions => _extensions;

    /// <summary>How long the stage ran (to <paramref name="today"/> while running); null when a date is unknown.</summary>
    public DayRange? Duration(DateOnly today) => Ending.DaysFrom(Start, today);

    public void Close(PartialDate end, string? outcome, DateTime nowUtc, OutcomeType? outcomeType = null)
    {
        SetDates(Start, end);
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            Outcome = outcome.Trim();
            KeepTypeWithText();
        }

        if (outcomeType is { } type)
        {
            SetOutcomeType(type);
        }

        Touch(nowUtc);
    }

    /// <summary>Sets the outcome from the controlled list (an editor classifying it, or an import giving it).</summary>
    public void ClassifyOutcome(OutcomeType type, DateTime nowUtc)
    {
        SetOutcomeType(type);
        Touch(nowUtc);
    }

    /// <summary>Changes everything a caseworker records about the stage; a null <paramref name="end"/> means it is still running.</summary>
    public void Edit(StageKind kind, string label, PartialDate start, PartialDate? end, string? outcome, string? notes, DateTime nowUtc, OutcomeType? outcomeType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException("Choose a stage kind from the list.");
        }

        SetDates(start, end);
        Kind = kind;
        Label = label.Trim();
        var newOutcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        if (!string.Equals(newOutcome, Outcome, StringComparison.Ordinal))
        {
            Outcome = newOutcome;
            KeepTypeWithText();
        }

        if (outcomeType is { } type)
        {
            SetOutcomeType(type);
        }

        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Touch(nowUtc);
    }

    internal void DetachSource(Source source) => _sources.Remove(source);

    /// <summary>
    /// Records a pause from <paramref name="from"/> (the first day not counted) until <paramref name="until"/> (the day the
    /// clock runs again), or open-ended while <paramref name="until"/> is null. Pauses of one stage never overlap, and at
    /// most one is open.
    /// </summary>
    public StagePause Pause(DateOnly from, DateOnly? until, string reason, DateTime nowUtc)
    {
        RequireReason(reason, "pause");
        if (Start.Earliest is not { } started)
        {
            throw new DomainRuleException("A stage whose start is unknown has no clock to pause.");
        }

        if (from < started)
        {
            throw new DomainRuleException(string.Format(CultureInfo.InvariantCulture, "A pause cannot begin before the stage started ({0}).", Start));
        }

        if (until is { } resumed && resumed <= from)
        {
            throw new DomainRuleException("A pause must end at least one day after it begins.");
        }

        if (End is { Latest: { } ended })
        {
            if (from > ended)
            {
                throw new DomainRuleException(string.Format(CultureInfo.InvariantCulture, "A pause cannot begin after the stage ended ({0}).", End));
            }

            if (until is { } resumedAfter && resumedAfter > ended.AddDays(1))
            {
                throw new DomainRuleException(string.Format(CultureInfo.InvariantCulture, "A pause cannot run past the stage's end ({0}).", End));
            }
        }

        if (until is null && _pauses.Exists(p => p.IsOpen))
        {
            throw new DomainRuleException("The stage is already paused: resume it before pausing it again.");
        }

        if (_pauses.Exists(p => p.Overlaps(from, until)))
        {
            throw new DomainRuleException("The pause overlaps one already recorded for this stage.");
        }

        var pause = new StagePause(this, from, until, reason, nowUtc);
        _pauses.Add(pause);
        Touch(nowUtc);
        return pause;
    }

    /// <summary>Ends the open pause: the clock counts again from <paramref name="on"/>.</summary>
    public StagePause Resume(DateOnly on, DateTime nowUtc)
    {
        var open = _pauses.Find(p => p.IsOpen) ?? throw new DomainRuleException("The stage is not paused.");
        if (on <= open.From)
        {
            throw new DomainRuleException(string.Format(CultureInfo.InvariantCulture, "The clock can run again only after the pause began ({0:d MMM yyyy}).", open.From));
        }

        if (_pauses.Exists(p => p != open && p.From >= open.From && p.From < on))
        {
            throw new DomainRuleException("Resuming then would overlap a later pause already recorded.");
        }

        open.End(on);
        Touch(nowUtc);
        return open;
    }

    /// <summary>Grants a new limit for this stage (counted from the same start), in force from <paramref name="grantedOn"/>.</summary>
    public StageExtension Extend(DateOnly grantedOn, int newAmount, LimitUnit? newUnit, string reason, DateTime nowUtc)
    {
        RequireReason(reason, "extension");
        if (newAmount is <= 0 or > LimitRule.MaximumAmount)
        {
            throw new DomainRuleException(string.Format(CultureInfo.InvariantCulture, "The new limit must be between 1 and {0:N0}.", LimitRule.MaximumAmount));
        }

        if (newUnit is { } unit && !Enum.IsDefined(unit))
        {
            throw new DomainRuleException("Choose calendar days, months or working days.");
        }

        if (Start.Earliest is { } started && grantedOn < started)
        {
            throw new DomainRuleException(string.Format(CultureInfo.InvariantCulture, "An extension cannot be granted before the stage started ({0}).", Start));
        }

        var extension = new StageExtension(this, grantedOn, newAmount, newUnit, reason, nowUtc);
        _extensions.Add(extension);
        Touch(nowUtc);
        return extension;
    }

    /// <summary>What the stage's clock measures, counted from <paramref name="anchor"/> (the stage start or the incident).</summary>
    public ClockSubject ClockSubject(PartialDate anchor) =>
        new(anchor, End, _pauses.Select(p => p.ToPause()), _extensions.Select(e => e.ToExtension()));

    internal void AttachSource(Source source) => _sources.Add(source);

    /// <summary>Stores the clock computed from the stage's inputs; it changes neither the version nor the update time.</summary>
    public void RecordClock(ClockRecord record) => Clock = record ?? throw new ArgumentNullException(nameof(record));

    /// <summary>The one rule for "end before start": true only when the end is certainly before the start, at both dates' precision.</summary>
    public static bool EndsBeforeStart(PartialDate start, PartialDate? end) =>
        end is { Latest: { } last } && start.Earliest is { } first && last < first;

    /// <summary>
    /// After the outcome text changes: a type someone chose stays until they change it (the text gives detail, it does not
    /// decide the type); text without a type is "not classified"; no text, no outcome.
    /// </summary>
    private void KeepTypeWithText()
    {
        if (Outcome is null && OutcomeType == OutcomeType.Unclassified)
        {
            OutcomeType = OutcomeType.None;
        }
        else if (Outcome is not null && OutcomeType == OutcomeType.None)
        {
            OutcomeType = OutcomeType.Unclassified;
        }
    }

    private void SetOutcomeType(OutcomeType type)
    {
        if (!Enum.IsDefined(type))
        {
            throw new DomainRuleException("Choose an outcome from the list.");
        }

        if (type == OutcomeType.None && Outcome is not null)
        {
            type = OutcomeType.Unclassified;
        }

        OutcomeType = type;
    }

    private static void RequireReason(string reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException($"Give the reason for the {what}.");
        }
    }

    private void SetDates(PartialDate start, PartialDate? end)
    {
        if (EndsBeforeStart(start, end))
        {
            throw new DomainRuleException("A stage cannot end before it starts.");
        }

        Case?.RequireNotBeforeIncident(start);

        StartOn = start.Earliest;
        StartPrecision = start.Precision;
        HasEnded = end is not null;
        EndOn = end?.Earliest;
        EndPrecision = end?.Precision ?? DatePrecision.Unknown;
        var exact = start.IsExact && end is { IsExact: true };
        DurationDays = exact ? EndOn!.Value.DayNumber - StartOn!.Value.DayNumber : null;
        MonthsBeforeEnd = exact ? StageSpan.MonthsBeforeEnd(StartOn!.Value, EndOn!.Value) : null;
    }

    private void Touch(DateTime nowUtc)
    {
        Version = Guid.NewGuid();
        Case.PartChanged(nowUtc);
    }
}
