using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Tests.Dates;

public class PartialDateTests
{
    [Theory]
    [InlineData("2022-09-05", DatePrecision.Day, "5 Sep 2022")]
    [InlineData("2018-05", DatePrecision.Month, "May 2018")]
    [InlineData("2019", DatePrecision.Year, "2019")]
    public void Parses_by_shape_and_displays_only_what_is_known(string text, DatePrecision precision, string shown)
    {
        Assert.True(PartialDate.TryParseIso(text, out var date));
        Assert.Equal(precision, date.Precision);
        Assert.Equal(shown, date.ToString());
        Assert.Equal(text, date.ToIsoString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2022-13")]
    [InlineData("2022-02-30")]
    [InlineData("5 Sep 2022")]
    [InlineData("20222")]
    public void Rejects_text_that_is_not_an_iso_date(string text)
    {
        Assert.False(PartialDate.TryParseIso(text, out var date));
        Assert.False(date.IsKnown);
    }

    [Fact]
    public void A_month_spans_its_whole_month_including_leap_february()
    {
        var february = PartialDate.InMonth(2024, 2);
        Assert.Equal(new DateOnly(2024, 2, 1), february.Earliest);
        Assert.Equal(new DateOnly(2024, 2, 29), february.Latest);
    }

    [Fact]
    public void Kaba_charge_came_exactly_380_days_after_the_shooting()
    {
        var shooting = PartialDate.OnDay(2022, 9, 5);
        var charge = PartialDate.OnDay(2023, 9, 20);

        var days = shooting.DaysUntil(charge);

        Assert.Equal(new DayRange(380, 380), days);
        Assert.Equal("380 days", days!.Value.ToString());
    }

    [Fact]
    public void A_duration_from_a_month_precision_date_is_a_range_and_says_about()
    {
        // W80's judicial review: claim launched "May 2018", judgment 14 Aug 2019.
        var filed = PartialDate.InMonth(2018, 5);
        var judgment = PartialDate.OnDay(2019, 8, 14);

        var days = filed.DaysUntil(judgment)!.Value;

        var expectedShortest = new DateOnly(2019, 8, 14).DayNumber - new DateOnly(2018, 5, 31).DayNumber;
        var expectedLongest = new DateOnly(2019, 8, 14).DayNumber - new DateOnly(2018, 5, 1).DayNumber;
        Assert.Equal(expectedShortest, days.Shortest);
        Assert.Equal(expectedLongest, days.Longest);
        Assert.False(days.IsExact);
        Assert.StartsWith("about ", days.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_date_gives_no_duration()
    {
        Assert.Null(PartialDate.Unknown.DaysUntil(PartialDate.OnDay(2020, 1, 1)));
        Assert.Null(PartialDate.OnDay(2020, 1, 1).DaysUntil(PartialDate.Unknown));
    }

    [Fact]
    public void Orders_by_earliest_day_with_unknown_dates_last()
    {
        var dates = new[] { PartialDate.Unknown, PartialDate.OnDay(2019, 3, 1), PartialDate.InYear(2019), PartialDate.InMonth(2018, 5) };

        var ordered = dates.Order().ToArray();

        Assert.Equal([PartialDate.InMonth(2018, 5), PartialDate.InYear(2019), PartialDate.OnDay(2019, 3, 1), PartialDate.Unknown], ordered);
    }

    [Fact]
    public void Stored_parts_round_trip_and_normalise_to_the_start_of_the_period()
    {
        var rebuilt = PartialDate.FromStored(new DateOnly(2018, 5, 17), DatePrecision.Month);
        Assert.Equal(PartialDate.InMonth(2018, 5), rebuilt);
        Assert.Equal(PartialDate.Unknown, PartialDate.FromStored(null, DatePrecision.Day));
    }
}
