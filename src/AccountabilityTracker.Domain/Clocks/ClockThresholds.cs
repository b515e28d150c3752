using System.Linq.Expressions;

namespace AccountabilityTracker.Domain.Clocks;

/// <summary>
/// The one definition of where a clock stands against its dates on a day: past its due date (the due date itself is
/// still within the limit), and past the first day of its warning share. Written once as expressions, which the
/// database runs (the application's stored-clock predicates are built from them), with compiled twins that
/// <see cref="ClockEvaluator"/> and <see cref="ClockRecord.ReadOn"/> run in memory; so the Overdue page, the lists, the
/// reports and the case page cannot disagree about a clock.
/// </summary>
public static class ClockThresholds
{
    private static readonly Func<DateOnly?, DateOnly, bool> PastDue;
    private static readonly Func<DateOnly?, DateOnly, bool> ReachedWarning;

    static ClockThresholds()
    {
        PastDue = IsPastDue.Compile();
        ReachedWarning = HasReachedWarning.Compile();
    }

    /// <summary>A clock due on <c>due</c> is past it on <c>day</c> (overdue while running; concluded late when <c>day</c> is the end).</summary>
    public static Expression<Func<DateOnly?, DateOnly, bool>> IsPastDue { get; } = (due, day) => due < day;

    /// <summary>A running clock whose warning share is reached from <c>warnFrom</c> is approaching on <c>day</c> (unless past due).</summary>
    public static Expression<Func<DateOnly?, DateOnly, bool>> HasReachedWarning { get; } = (warnFrom, day) => warnFrom <= day;

    /// <summary>The compiled twin of <see cref="IsPastDue"/>.</summary>
    public static bool IsPast(DateOnly due, DateOnly day) => PastDue(due, day);

    /// <summary>The status of a running clock on <paramref name="day"/>: overdue, approaching or within limit.</summary>
    public static ClockStatus RunningStatus(DateOnly due, DateOnly warnFrom, DateOnly day) =>
        PastDue(due, day) ? ClockStatus.Overdue : ReachedWarning(warnFrom, day) ? ClockStatus.Approaching : ClockStatus.WithinLimit;

    /// <summary>The final status of a clock due on <paramref name="due"/> that ended on <paramref name="end"/>.</summary>
    public static ClockStatus EndedStatus(DateOnly due, DateOnly end) =>
        PastDue(due, end) ? ClockStatus.ConcludedLate : ClockStatus.ConcludedInTime;
}
