namespace AccountabilityTracker.Application.Common;

public static class TrackerClock
{
    private static readonly TimeZoneInfo England = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Today's date in England and Wales, where every limit is counted.</summary>
    public static DateOnly TodayInEngland(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), England).DateTime);
    }

    public static DateTime UtcNowDateTime(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().UtcDateTime;
    }
}
