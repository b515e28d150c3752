namespace AccountabilityTracker.Domain.Clocks;

/// <summary>Whether a stored clock has a status, and whether that status still moves with the day.</summary>
public enum ClockPhase
{
    /// <summary>No limit applies, or a date it needs is unknown.</summary>
    NotApplicable = 0,

    /// <summary>Running: the status follows from comparing today with the stored warning and due dates.</summary>
    Running = 1,

    /// <summary>Ended: the final status is stored and no longer changes with the day.</summary>
    Ended = 2,
}

/// <summary>
/// What a clock's reading depends on besides today, as <see cref="ClockEvaluator.Record"/> computed it: the due dates
/// (a range when a date is imprecise), the first day the warning share is reached, an ended clock's final status and
/// days over. Stored beside each stage and case, so a page asks the database "which due dates are before today?"
/// instead of evaluating every clock; <see cref="ReadOn"/> turns it back into the <see cref="ClockReading"/> the
/// evaluator gives for any day from <see cref="ComputedOn"/> until the day before <see cref="ValidUntil"/>.
/// </summary>
public sealed class ClockRecord
{
    /// <summary>The longest reason the evaluator gives ("start date unknown").</summary>
    public const int ReasonMaxLength = 40;

    public ClockRecord()
    {
    }

    public ClockPhase Phase { get; private set; }

    /// <summary>Why no status can be given ("no limit", "start date unknown", "end date unknown").</summary>
    public string? NotApplicableReason { get; private set; }

    /// <summary>The limit in force (the rule's, or the latest extension's).</summary>
    public int? Amount { get; private set; }

    public LimitUnit? Unit { get; private set; }

    /// <summary>When the extension in force was granted; null when the rule's limit applies.</summary>
    public DateOnly? ExtensionGrantedOn { get; private set; }

    /// <summary>The due date for the earliest possible start: the worst case.</summary>
    public DateOnly? DueEarliest { get; private set; }

    /// <summary>The due date for the latest possible start: what the record supports for certain.</summary>
    public DateOnly? DueLatest { get; private set; }

    /// <summary>While running: the first day the warning share is reached in the worst case.</summary>
    public DateOnly? WarnEarliest { get; private set; }

    /// <summary>While running: the first day the warning share is reached for certain.</summary>
    public DateOnly? WarnLatest { get; private set; }

    /// <summary>Once ended: concluded in time or late, for certain.</summary>
    public ClockStatus FinalStatus { get; private set; }

    /// <summary>Once ended: the worst case.</summary>
    public ClockStatus FinalPossibleStatus { get; private set; }

    public int? FinalDaysOver { get; private set; }

    public int? FinalPossibleDaysOver { get; private set; }

    public bool IsApproximate { get; private set; }

    public bool IsPaused { get; private set; }

    public int PausedDays { get; private set; }

    /// <summary>While running under a rule with progress reports: the (latest possible) start the report dates count from.</summary>
    public DateOnly? ReportsFrom { get; private set; }

    /// <summary>The day the record was computed for.</summary>
    public DateOnly ComputedOn { get; private set; }

    /// <summary>
    /// The first day on which the record no longer holds and must be computed again: the day after it was computed
    /// while a pause is open (or today falls in one), the day a recorded pause begins or ends, or the day an extension
    /// comes into force. Null when the record holds for good (until its inputs change).
    /// </summary>
    public DateOnly? ValidUntil { get; private set; }

    /// <summary>True when the stored dates no longer hold on <paramref name="today"/>.</summary>
    public bool IsStaleOn(DateOnly today) => today < ComputedOn || (ValidUntil is { } until && today >= until);

    internal static ClockRecord From(ClockReading reading, ClockSubject subject)
    {
        var computedOn = reading.Today;
        if (reading.Status == ClockStatus.NotApplicable)
        {
            return new ClockRecord { Phase = ClockPhase.NotApplicable, NotApplicableReason = reading.NotApplicableReason, ComputedOn = computedOn };
        }

        var running = subject.IsRunning;
        return new ClockRecord
        {
            Phase = running ? ClockPhase.Running : ClockPhase.Ended,
            Amount = reading.Amount,
            Unit = reading.Unit,
            ExtensionGrantedOn = reading.Extension?.GrantedOn,
            DueEarliest = reading.Worst.Due,
            DueLatest = reading.Certain.Due,
            WarnEarliest = running ? reading.Worst.WarnFrom : null,
            WarnLatest = running ? reading.Certain.WarnFrom : null,
            FinalStatus = running ? ClockStatus.NotApplicable : reading.Status,
            FinalPossibleStatus = running ? ClockStatus.NotApplicable : reading.PossibleStatus,
            FinalDaysOver = running ? null : reading.Certain.DaysOver,
            FinalPossibleDaysOver = running ? null : reading.Worst.DaysOver,
            IsApproximate = reading.IsApproximate,
            IsPaused = reading.IsPaused,
            PausedDays = reading.PausedDays,
            ReportsFrom = running && reading.Rule?.HasReports == true ? subject.Start.Latest : null,
            ComputedOn = computedOn,
            ValidUntil = ValidUntilFor(subject, computedOn, reading.IsPaused),
        };
    }

    /// <summary>The reading on <paramref name="today"/> under <paramref name="rule"/>, the rule the record was computed with.</summary>
    public ClockReading ReadOn(DateOnly today, LimitRule? rule)
    {
        if (Phase == ClockPhase.NotApplicable || rule is null || Amount is not { } amount || Unit is not { } unit)
        {
            return ClockReading.NotApplicable(today, rule, NotApplicableReason ?? "no limit");
        }

        var extension = ExtensionGrantedOn is { } granted ? new Extension(granted, amount, unit, string.Empty) : null;
        if (Phase == ClockPhase.Ended)
        {
            var certainEnded = new ClockPoint(FinalStatus, DueLatest, FinalDaysOver, null, PausedDays, null);
            var worstEnded = new ClockPoint(FinalPossibleStatus, DueEarliest, FinalPossibleDaysOver, null, PausedDays, null);
            return new ClockReading(today, rule, amount, unit, extension, certainEnded, worstEnded, IsApproximate, false, null, 0);
        }

        var certain = RunningPoint(today, DueLatest!.Value, WarnLatest!.Value);
        var worst = RunningPoint(today, DueEarliest!.Value, WarnEarliest!.Value);
        var (nextReport, reportsSoFar) = ReportsFrom is { } from ? ClockEvaluator.Reports(rule, from, today) : (null, 0);
        return new ClockReading(today, rule, amount, unit, extension, certain, worst, IsApproximate, IsPaused, nextReport, reportsSoFar);
    }

    private ClockPoint RunningPoint(DateOnly today, DateOnly due, DateOnly warnFrom) => ClockPoint.Running(due, warnFrom, today, PausedDays, null);

    private static DateOnly? ValidUntilFor(ClockSubject subject, DateOnly computedOn, bool pausedNow)
    {
        var tomorrow = computedOn.AddDays(1);
        var changes = subject.Extensions.Select(e => e.GrantedOn).Where(d => d > computedOn).ToList();
        if (subject.IsRunning)
        {
            // Inside a pause (open or not) the paused days, and so the due date, move every day.
            if (pausedNow || subject.Pauses.Any(p => p.IsOpen && p.From <= computedOn))
            {
                return tomorrow;
            }

            changes.AddRange(subject.Pauses.Select(p => p.From).Where(d => d > computedOn));
            changes.AddRange(subject.Pauses.Select(p => p.To).OfType<DateOnly>().Where(d => d > computedOn));
        }

        return changes.Count == 0 ? null : changes.Min();
    }
}
