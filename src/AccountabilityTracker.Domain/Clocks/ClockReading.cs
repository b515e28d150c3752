using System.Globalization;

using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Clocks;

/// <summary>
/// Where one stage (or case) stands against its limit on <see cref="Today"/>.
/// When the start (or end) is known only to the month or year, the tracker claims only what is certain:
/// <see cref="Status"/> and the day counts are those for the latest possible start (and earliest possible end), the
/// most favourable case; <see cref="PossibleStatus"/> and <see cref="PossibleDaysOver"/> give the worst case.
/// </summary>
public sealed class ClockReading
{
    private readonly ClockPoint _certain;
    private readonly ClockPoint _worst;

    internal ClockReading(
        DateOnly today,
        LimitRule rule,
        int amount,
        LimitUnit unit,
        Extension? extension,
        ClockPoint certain,
        ClockPoint worst,
        bool isApproximate,
        bool isPaused,
        DateOnly? nextReportDue,
        int reportsDueSoFar)
    {
        Today = today;
        Rule = rule;
        Amount = amount;
        Unit = unit;
        Extension = extension;
        _certain = certain;
        _worst = worst;
        IsApproximate = isApproximate;
        IsPaused = isPaused;
        NextReportDue = nextReportDue;
        ReportsDueSoFar = reportsDueSoFar;
    }

    private ClockReading(DateOnly today, LimitRule? rule, string notApplicableReason)
    {
        Today = today;
        Rule = rule;
        NotApplicableReason = notApplicableReason;
        _certain = ClockPoint.None;
        _worst = ClockPoint.None;
    }

    public DateOnly Today { get; }

    public LimitRule? Rule { get; }

    internal ClockPoint Certain => _certain;

    internal ClockPoint Worst => _worst;

    /// <summary>Why no status could be given ("no limit", "start date unknown", "end date unknown"); null otherwise.</summary>
    public string? NotApplicableReason { get; }

    /// <summary>The status the record supports for certain (the latest possible start).</summary>
    public ClockStatus Status => _certain.Status;

    /// <summary>The status for the earliest possible start: the worst case. Equals <see cref="Status"/> unless <see cref="IsUncertain"/>.</summary>
    public ClockStatus PossibleStatus => _worst.Status;

    /// <summary>True when the status could differ, depending on which day in the month or year the stage really started (or ended).</summary>
    public bool IsUncertain => Status != PossibleStatus;

    /// <summary>True when a date is known only to the month or year, so due dates and day counts are ranges.</summary>
    public bool IsApproximate { get; }

    /// <summary>The limit in force: the rule's amount, or the latest extension's.</summary>
    public int? Amount { get; }

    public LimitUnit? Unit { get; }

    /// <summary>The extension in force, if any.</summary>
    public Extension? Extension { get; }

    public bool IsExtended => Extension is not null;

    /// <summary>
    /// The last day within the limit, for the latest possible start. On this day the stage is still within limit;
    /// the day after, a running stage is overdue and a stage ending then concluded late.
    /// </summary>
    public DateOnly? DueDate => _certain.Due;

    /// <summary>The due date for the earliest possible start.</summary>
    public DateOnly? DueEarliest => _worst.Due;

    /// <summary>The due date for the latest possible start (same as <see cref="DueDate"/>).</summary>
    public DateOnly? DueLatest => _certain.Due;

    /// <summary>Calendar days past the due date (to today, or to the end): set when overdue or concluded late.</summary>
    public int? DaysOver => _certain.DaysOver;

    /// <summary>Calendar days past the due date in the worst case; null when even the worst case is not past it.</summary>
    public int? PossibleDaysOver => _worst.DaysOver;

    /// <summary>Calendar days from today to the due date (0 on the due date); set only while running and not overdue.</summary>
    public int? DaysRemaining => _certain.DaysRemaining;

    /// <summary>Calendar days the clock stood still so far (after the start, up to today or the end).</summary>
    public int PausedDays => _certain.PausedDays;

    /// <summary>True when the stage is running and today falls in a pause.</summary>
    public bool IsPaused { get; }

    /// <summary>Counted share of the limit used so far (to today, or to the end), in whole percent; may pass 100.</summary>
    public int? PercentUsed => _certain.PercentUsed;

    /// <summary>
    /// For a running stage under a rule with progress reports: the next report date on or after today, counted in whole
    /// months from the (latest possible) start, regardless of pauses and extensions.
    /// </summary>
    public DateOnly? NextReportDue { get; }

    /// <summary>For a running stage under a rule with progress reports: how many report dates have passed before today.</summary>
    public int ReportsDueSoFar { get; }

    /// <summary>A short phrase: "12 days over", "due in 30 days", "concluded 12 days late", "concluded within limit".</summary>
    public string Describe()
    {
        var text = Status switch
        {
            ClockStatus.NotApplicable => NotApplicableReason ?? "no limit",
            ClockStatus.Overdue => Days(_certain.DaysOver!.Value, _worst.DaysOver ?? _certain.DaysOver!.Value, " over"),
            ClockStatus.ConcludedLate => "concluded " + Days(_certain.DaysOver!.Value, _worst.DaysOver ?? _certain.DaysOver!.Value, " late"),
            ClockStatus.ConcludedInTime => PossibleStatus == ClockStatus.ConcludedLate
                ? "concluded within limit, possibly late"
                : "concluded within limit",
            _ => DescribeRunning(),
        };
        return IsPaused ? text + ", paused" : text;
    }

    public override string ToString() => Describe();

    internal static ClockReading NotApplicable(DateOnly today, LimitRule? rule, string reason) => new(today, rule, reason);

    private string DescribeRunning()
    {
        var most = _certain.DaysRemaining!.Value;
        if (PossibleStatus == ClockStatus.Overdue)
        {
            return most == 0 ? "due today, possibly overdue" : "due in up to " + Days(most, most, string.Empty) + ", possibly overdue";
        }

        var least = _worst.DaysRemaining ?? most;
        return most == 0 && least == 0 ? "due today" : "due in " + Days(least, most, string.Empty);
    }

    /// <summary>"12 days over", or "about 27 days over (12–43)" when the count is a range: never a false exact count.</summary>
    private static string Days(int least, int most, string after)
    {
        var culture = CultureInfo.InvariantCulture;
        if (least == most)
        {
            return string.Format(culture, "{0:N0} {1}{2}", least, least == 1 ? "day" : "days", after);
        }

        var range = new DayRange(Math.Min(least, most), Math.Max(least, most));
        return string.Format(culture, "about {0:N0} days{1} ({2:N0}–{3:N0})", range.Midpoint, after, range.Shortest, range.Longest);
    }
}

/// <summary>The clock measured from one exact start (and end).</summary>
/// <remarks><see cref="WarnFrom"/> is the first day a running clock counts as approaching; null once it has ended.</remarks>
internal readonly record struct ClockPoint(
    ClockStatus Status,
    DateOnly? Due,
    int? DaysOver,
    int? DaysRemaining,
    int PausedDays,
    int? PercentUsed,
    DateOnly? WarnFrom = null)
{
    public static ClockPoint None { get; } = new(ClockStatus.NotApplicable, null, null, null, 0, null);

    /// <summary>A running clock due on <paramref name="due"/> as it stands on <paramref name="today"/> (<see cref="ClockThresholds"/>).</summary>
    public static ClockPoint Running(DateOnly due, DateOnly warnFrom, DateOnly today, int pausedDays, int? percentUsed)
    {
        var status = ClockThresholds.RunningStatus(due, warnFrom, today);
        return status == ClockStatus.Overdue
            ? new ClockPoint(status, due, today.DayNumber - due.DayNumber, null, pausedDays, percentUsed, warnFrom)
            : new ClockPoint(status, due, null, due.DayNumber - today.DayNumber, pausedDays, percentUsed, warnFrom);
    }
}
