namespace AccountabilityTracker.Domain.Clocks;

/// <summary>What a limit is counted in.</summary>
public enum LimitUnit
{
    CalendarDays = 1,

    /// <summary>Calendar months (12 Mar + 1 month = 12 Apr; a missing day falls back to the month's last day).</summary>
    Months = 2,

    /// <summary>Monday to Friday, leaving out England &amp; Wales bank holidays.</summary>
    WorkingDays = 3,
}

/// <summary>Which date a clock counts from. The caller picks the date; the rule records which one it meant.</summary>
public enum ClockAnchor
{
    StageStart = 1,
    IncidentDate = 2,
}
