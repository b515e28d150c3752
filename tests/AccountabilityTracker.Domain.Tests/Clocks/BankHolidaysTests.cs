using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Tests.Clocks;

public class BankHolidaysTests
{
    // England & Wales lists as published on gov.uk/bank-holidays.
    public static TheoryData<int, string[]> PublishedYears => new()
    {
        { 2002, ["2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03", "2002-06-04", "2002-08-26", "2002-12-25", "2002-12-26"] },
        { 2011, ["2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"] },
        { 2012, ["2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"] },
        { 2015, ["2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28"] },
        { 2016, ["2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"] },
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        { 2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"] },
        { 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { 2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
    };

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void Rules_reproduce_the_published_list(int year, string[] expected)
    {
        var actual = BankHolidays.EnglandAndWales.ForYear(year).Select(h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday_follows_the_gregorian_computus(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), BankHolidays.EasterSunday(year));
    }

    [Fact]
    public void Every_year_from_2000_has_the_eight_regular_days_on_weekdays()
    {
        for (var year = 2000; year <= 2100; year++)
        {
            var days = BankHolidays.EnglandAndWales.ForYear(year);
            Assert.True(days.Count >= 8, $"{year} has {days.Count} bank holidays");
            Assert.All(days, h => Assert.True(h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{h.Date} is a weekend"));
            Assert.Equal(days.Count, days.Select(h => h.Date).Distinct().Count());
        }
    }

    [Fact]
    public void Christmas_on_a_saturday_moves_both_days_to_monday_and_tuesday()
    {
        var december = BankHolidays.EnglandAndWales.ForYear(2021).Where(h => h.Date.Month == 12).ToList();

        Assert.Equal([new DateOnly(2021, 12, 27), new DateOnly(2021, 12, 28)], december.Select(h => h.Date));
        Assert.Equal(["Christmas Day (substitute day)", "Boxing Day (substitute day)"], december.Select(h => h.Name));
    }

    [Fact]
    public void Christmas_on_a_sunday_keeps_boxing_day_on_monday_and_substitutes_tuesday()
    {
        var december = BankHolidays.EnglandAndWales.ForYear(2022).Where(h => h.Date.Month == 12).ToList();

        Assert.Equal([new DateOnly(2022, 12, 26), new DateOnly(2022, 12, 27)], december.Select(h => h.Date));
        Assert.Equal(["Boxing Day", "Christmas Day (substitute day)"], december.Select(h => h.Name));
    }

    [Theory]
    [InlineData("2022-09-19")]
    [InlineData("2023-05-08")]
    [InlineData("2022-06-02")]
    [InlineData("2022-06-03")]
    [InlineData("2020-05-08")]
    [InlineData("2011-04-29")]
    [InlineData("1999-12-31")]
    public void One_off_and_moved_days_are_bank_holidays(string date)
    {
        Assert.True(BankHolidays.EnglandAndWales.IsBankHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2020-05-04")] // the first Monday of May 2020 gave way to VE Day, Fri 8 May
    [InlineData("2022-05-30")] // the last Monday of May 2022 gave way to Thu 2 Jun
    [InlineData("2012-05-28")]
    [InlineData("2002-05-27")]
    [InlineData("2022-12-25")]
    public void Moved_days_leave_their_usual_date_an_ordinary_day(string date)
    {
        Assert.False(BankHolidays.EnglandAndWales.IsBankHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Configured_additions_and_removals_change_the_list_and_removal_wins()
    {
        var added = new DateOnly(2027, 6, 7);
        var moved = new DateOnly(2027, 5, 31);
        var both = new DateOnly(2027, 7, 1);
        var holidays = new BankHolidays([added, both], [moved, both]);

        Assert.True(holidays.IsBankHoliday(added));
        Assert.False(holidays.IsBankHoliday(moved));
        Assert.False(holidays.IsBankHoliday(both));
        Assert.True(BankHolidays.EnglandAndWales.IsBankHoliday(moved));
        Assert.Contains(holidays.ForYear(2027), h => h.Date == added && h.Name == "Bank holiday (added)");
        Assert.Equal(BankHolidays.ByRule(2027).Count, holidays.ForYear(2027).Count);
    }

    [Fact]
    public void Years_before_the_rules_held_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BankHolidays.EnglandAndWales.IsBankHoliday(new DateOnly(1977, 5, 2)));
    }
}
