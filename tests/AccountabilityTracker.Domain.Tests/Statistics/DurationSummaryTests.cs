using AccountabilityTracker.Domain.Statistics;

namespace AccountabilityTracker.Domain.Tests.Statistics;

public class DurationSummaryTests
{
    [Fact]
    public void Matches_hand_worked_figures_for_an_even_count()
    {
        // Sorted: 10 20 30 40. Ranks for p: (n-1)p = 3p.
        var summary = DurationSummary.Of([40, 10, 30, 20]);

        Assert.Equal(4, summary.Count);
        Assert.Equal(25, summary.Median);          // rank 1.5: 20 + 0.5 * 10
        Assert.Equal(17.5, summary.LowerQuartile); // rank 0.75: 10 + 0.75 * 10
        Assert.Equal(32.5, summary.UpperQuartile); // rank 2.25: 30 + 0.25 * 10
        Assert.Equal(37, summary.Percentile90);    // rank 2.7: 30 + 0.7 * 10
        Assert.Equal(25, summary.Mean);
        Assert.Equal(40, summary.Maximum);
    }

    [Fact]
    public void A_single_value_is_every_percentile()
    {
        var summary = DurationSummary.Of([380]);

        Assert.Equal(380, summary.Median);
        Assert.Equal(380, summary.LowerQuartile);
        Assert.Equal(380, summary.Percentile90);
    }

    [Fact]
    public void No_values_give_no_figures()
    {
        var summary = DurationSummary.Of(Array.Empty<int>());

        Assert.Equal(0, summary.Count);
        Assert.Null(summary.Median);
        Assert.Null(summary.Maximum);
    }
}
