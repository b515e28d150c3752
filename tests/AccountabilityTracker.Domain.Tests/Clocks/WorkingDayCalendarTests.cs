using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Tests.Clocks;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;

    [Theory]
    [InlineData("2024-03-28", 1, "2024-04-02")] // Easter 2024: Good Friday 29 Mar, Easter Monday 1 Apr
    [InlineData("2025-04-17", 1, "2025-04-22")] // Easter 2025: 18 and 21 Apr
    [InlineData("2021-12-24", 1, "2021-12-29")] // Christmas on a Saturday: 27 and 28 Dec substitute
    [InlineData("2022-12-23", 1, "2022-12-28")] // Christmas on a Sunday: 26 and 27 Dec
    [InlineData("2022-09-16", 1, "2022-09-20")] // the Queen's state funeral, Mon 19 Sep 2022
    [InlineData("2023-05-05", 1, "2023-05-09")] // the coronation, Mon 8 May 2023
    [InlineData("2022-06-01", 1, "2022-06-06")] // Platinum Jubilee, Thu 2 and Fri 3 Jun 2022
    [InlineData("2020-05-07", 1, "2020-05-11")] // VE Day, Fri 8 May 2020
    [InlineData("2020-05-01", 1, "2020-05-04")] // ...so Mon 4 May 2020 was a working day
    [InlineData("2024-02-28", 1, "2024-02-29")] // leap day is an ordinary working day
    [InlineData("2024-02-23", 5, "2024-03-01")]
    [InlineData("2024-03-01", 0, "2024-03-01")]
    [InlineData("2024-03-02", 0, "2024-03-02")] // zero gives the start back, even on a weekend
    [InlineData("2024-03-02", 1, "2024-03-04")] // from a Saturday the first working day is Monday
    public void Adds_working_days_skipping_weekends_and_bank_holidays(string start, int days, string expected)
    {
        Assert.Equal(Day(expected), Calendar.AddWorkingDays(Day(start), days));
    }

    [Fact]
    public void Fifteen_working_days_over_easter_2024_take_three_weeks_and_four_days()
    {
        // Papers on Wed 20 Mar 2024; 15 working days, losing Good Friday and Easter Monday.
        var due = Calendar.AddWorkingDays(new DateOnly(2024, 3, 20), 15);

        Assert.Equal(new DateOnly(2024, 4, 12), due);
        Assert.Equal(15, Calendar.CountWorkingDays(new DateOnly(2024, 3, 20), due));
    }

    [Theory]
    [InlineData("2024-02-28", "2024-03-01", 2)] // 29 Feb and 1 Mar
    [InlineData("2024-02-26", "2024-02-26", 0)]
    [InlineData("2022-05-31", "2022-06-07", 3)] // 1, 6 and 7 Jun: not the 2 and 3 Jun bank holidays
    [InlineData("2021-12-24", "2021-12-31", 3)] // 29, 30, 31 Dec
    [InlineData("2023-01-01", "2023-12-31", 251)] // 260 weekdays less 9 bank holidays (coronation included)
    public void Counts_working_days_after_the_first_date_up_to_and_including_the_second(string from, string to, int expected)
    {
        Assert.Equal(expected, Calendar.CountWorkingDays(Day(from), Day(to)));
    }

    [Fact]
    public void Counting_is_the_inverse_of_adding()
    {
        var start = new DateOnly(2020, 1, 1);
        for (var n = 0; n <= 600; n += 7)
        {
            Assert.Equal(n, Calendar.CountWorkingDays(start, Calendar.AddWorkingDays(start, n)));
        }
    }

    [Fact]
    public void Weekends_and_bank_holidays_are_not_working_days()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2024, 3, 30)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2024, 3, 31)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2024, 3, 29)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2024, 4, 2)));
    }

    [Fact]
    public void A_configured_extra_bank_holiday_stops_being_a_working_day()
    {
        var extra = new DateOnly(2027, 6, 7);
        var calendar = new WorkingDayCalendar(new BankHolidays([extra], []));

        Assert.False(calendar.IsWorkingDay(extra));
        Assert.Equal(new DateOnly(2027, 6, 8), calendar.AddWorkingDays(new DateOnly(2027, 6, 4), 1));
    }

    [Fact]
    public void Rejects_negative_counts_and_reversed_ranges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(new DateOnly(2024, 1, 1), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.CountWorkingDays(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1)));
    }

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
