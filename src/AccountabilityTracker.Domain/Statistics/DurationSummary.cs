namespace AccountabilityTracker.Domain.Statistics;

/// <summary>
/// Summary figures of a set of durations in days. Percentiles interpolate linearly between order statistics
/// (the "inclusive" method of Excel's PERCENTILE.INC and numpy's default), so an analyst can reproduce them. A duration
/// known only as a range counts at its exact middle (<see cref="Dates.DayRange.Middle"/>), so a figure may end in .5.
/// </summary>
public sealed record DurationSummary(int Count, double? Median, double? LowerQuartile, double? UpperQuartile, double? Percentile90, double? Mean, double? Maximum)
{
    public static DurationSummary Empty { get; } = new(0, null, null, null, null, null, null);

    public static DurationSummary Of(IEnumerable<int> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        return Of(durations.Select(d => (double)d));
    }

    public static DurationSummary Of(IEnumerable<double> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        return new DurationSummary(
            sorted.Length,
            Percentile(sorted, 0.5),
            Percentile(sorted, 0.25),
            Percentile(sorted, 0.75),
            Percentile(sorted, 0.9),
            sorted.Average(),
            sorted[^1]);
    }

    /// <summary>The p-th percentile (0 ≤ p ≤ 1) of already-sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var rank = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
