using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Tests.Dates;

/// <summary>
/// When something ended and a day known within bounds: a month is the whole month (never its first day), the first and
/// last of several keep their bounds, an undated end counts as ended with no duration, and an approximate duration
/// counts at its exact middle.
/// </summary>
public sealed class EndingAndBoundsTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void An_ending_is_running_ended_on_a_date_or_ended_undated_and_says_so()
    {
        Assert.Equal(("running", false), (Ending.Running.ToString(), Ending.Running.HasEnded));
        Assert.Equal(("ended, date unknown", true, true), (Ending.Undated.ToString(), Ending.Undated.HasEnded, Ending.Undated.IsUndated));
        Assert.Equal("January 2021", Ending.On(PartialDate.InMonth(2021, 1)).ToString());
        Assert.Equal(Ending.Running, Ending.Of(null));
        Assert.Equal(Ending.Undated, Ending.Of(PartialDate.Unknown));
        Assert.Equal(Ending.Undated, Ending.FromStored(true, null, DatePrecision.Unknown));
    }

    [Fact]
    public void A_month_end_is_the_whole_month_and_an_undated_end_has_no_duration()
    {
        var start = PartialDate.OnDay(2020, 3, 3);

        Assert.Equal(new DayRange(304, 334), Ending.On(PartialDate.InMonth(2021, 1)).DaysFrom(start, Today));
        Assert.Equal(new DayRange(1765, 2129), Ending.On(PartialDate.InYear(2025)).DaysFrom(start, Today));
        Assert.Null(Ending.Undated.DaysFrom(start, Today));
        Assert.Equal(new DayRange(2456, 2456), Ending.Running.DaysFrom(start, Today));
        Assert.Null(Ending.Running.DaysFrom(PartialDate.Unknown, Today));
    }

    [Fact]
    public void The_first_and_last_of_several_days_keep_their_bounds()
    {
        var january = DateBounds.Of(PartialDate.InMonth(2021, 1))!.Value;
        var fifteenth = DateBounds.OnDay(new DateOnly(2021, 1, 15));

        Assert.Equal(new DateBounds(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 15)), DateBounds.First(january, fifteenth));
        Assert.Equal(new DateBounds(new DateOnly(2021, 1, 15), new DateOnly(2021, 1, 31)), DateBounds.Last(january, fifteenth));
        Assert.Null(DateBounds.FirstOf([january, null]));
        Assert.Null(DateBounds.LastOf([]));
        Assert.Equal("between 1 Jan 2021 and 15 Jan 2021", DateBounds.First(january, fifteenth).ToString());
        Assert.Equal(("January 2021", "2025", "15 Jan 2021"), (january.ToString(), DateBounds.Of(PartialDate.InYear(2025))!.Value.ToString(), fifteenth.ToString()));
    }

    [Theory]
    [InlineData(334, 364, 349)]
    [InlineData(334, 365, 349.5)]
    [InlineData(590, 954, 772)]
    [InlineData(7, 7, 7)]
    public void An_approximate_duration_counts_at_its_exact_middle(int shortest, int longest, double middle) =>
        Assert.Equal(middle, new DayRange(shortest, longest).Middle);
}
