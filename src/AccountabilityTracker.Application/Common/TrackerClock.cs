using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Application.Common;

public static class TrackerClock
{
    /// <summary>Today's date in England and Wales, where every limit is counted: the domain's one notion of it.</summary>
    public static DateOnly TodayInEngland(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return ClockEvaluator.LondonDate(time.GetUtcNow());
    }

    public static DateTime UtcNowDateTime(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().UtcDateTime;
    }
}
