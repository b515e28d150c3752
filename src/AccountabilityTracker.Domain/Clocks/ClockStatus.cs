namespace AccountabilityTracker.Domain.Clocks;

/// <summary>Where a stage stands against its limit.</summary>
public enum ClockStatus
{
    /// <summary>No limit applies, or a date the clock needs (start, or the end of an ended stage) is unknown.</summary>
    NotApplicable = 0,

    /// <summary>Running and short of the warning share of the limit.</summary>
    WithinLimit = 1,

    /// <summary>Running, not yet past the due date, but past the warning share (default 80%) of the limit.</summary>
    Approaching = 2,

    /// <summary>Running and past the due date.</summary>
    Overdue = 3,

    /// <summary>Ended on or before the due date.</summary>
    ConcludedInTime = 4,

    /// <summary>Ended after the due date.</summary>
    ConcludedLate = 5,
}
