using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.Extensions.Time.Testing;

namespace AccountabilityTracker.Domain.Tests.Clocks;

/// <summary>Scotland's and Northern Ireland's bank holidays against the years gov.uk publishes, and at their substitute-day boundaries.</summary>
public sealed class JurisdictionBankHolidaysTests
{
    /// <summary>gov.uk/bank-holidays, Scotland.</summary>
    public static TheoryData<int, string[]> ScotlandYears => new()
    {
        { 2021, ["2021-01-01", "2021-01-04", "2021-04-02", "2021-05-03", "2021-05-31", "2021-08-02", "2021-11-30", "2021-12-27", "2021-12-28"] },
        { 2022, ["2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-01", "2022-09-19", "2022-11-30", "2022-12-26", "2022-12-27"] },
        { 2023, ["2023-01-02", "2023-01-03", "2023-04-07", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-07", "2023-11-30", "2023-12-25", "2023-12-26"] },
        { 2024, ["2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06", "2024-05-27", "2024-08-05", "2024-12-02", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26", "2025-08-04", "2025-12-01", "2025-12-25", "2025-12-26"] },
    };

    /// <summary>gov.uk/bank-holidays, Northern Ireland.</summary>
    public static TheoryData<int, string[]> NorthernIrelandYears => new()
    {
        { 2023, ["2023-01-02", "2023-03-17", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-07-12", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { 2024, ["2024-01-01", "2024-03-18", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-07-12", "2024-08-26", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-07-14", "2025-08-25", "2025-12-25", "2025-12-26"] },
    };

    [Theory]
    [MemberData(nameof(ScotlandYears))]
    public void Scotland_matches_the_published_year(int year, string[] published) =>
        Assert.Equal(published.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)), BankHolidays.Scotland.ForYear(year).Select(h => h.Date));

    [Theory]
    [MemberData(nameof(NorthernIrelandYears))]
    public void Northern_ireland_matches_the_published_year(int year, string[] published) =>
        Assert.Equal(published.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)), BankHolidays.NorthernIreland.ForYear(year).Select(h => h.Date));

    [Theory]
    [InlineData("2024-08-05", true, false)] // Scotland's summer holiday is the first Monday of August…
    [InlineData("2024-08-26", false, true)] // …England's the last.
    [InlineData("2024-04-01", false, true)] // No Easter Monday in Scotland.
    [InlineData("2024-12-02", true, false)] // St Andrew's Day on a Saturday moves to Monday.
    [InlineData("2024-11-29", false, false)]
    [InlineData("2022-01-04", true, false)] // 1 and 2 January on a weekend: Monday and Tuesday.
    public void Scotland_differs_from_england_where_the_law_does(string day, bool scotland, bool england)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((scotland, england), (BankHolidays.Scotland.IsBankHoliday(date), BankHolidays.EnglandAndWales.IsBankHoliday(date)));
    }

    [Theory]
    [InlineData("2026-07-13", true)] // 12 July 2026 is a Sunday.
    [InlineData("2026-07-12", false)]
    [InlineData("2029-03-19", true)] // 17 March 2029 is a Saturday.
    [InlineData("2029-03-17", false)]
    public void Northern_ireland_substitutes_a_weekend_st_patricks_or_boyne_day(string day, bool holiday) =>
        Assert.Equal(holiday, BankHolidays.NorthernIreland.IsBankHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_working_day_rule_counts_its_own_jurisdictions_bank_holidays()
    {
        var evaluator = new ClockEvaluator(new FakeTimeProvider(new DateTimeOffset(2024, 12, 31, 12, 0, 0, TimeSpan.Zero)), WorkingDayCalendar.EnglandAndWales);
        var start = PartialDateOn(2024, 11, 25);
        static LimitRule Rule(Jurisdiction jurisdiction) => new() { StageKind = StageKind.MisconductProceedings, Amount = 5, Unit = LimitUnit.WorkingDays, Jurisdiction = jurisdiction };

        // Five working days after Monday 25 Nov 2024: Monday 2 Dec in England; in Scotland 2 Dec is St Andrew's Day (substitute), so Tuesday 3 Dec.
        Assert.Equal(new DateOnly(2024, 12, 2), evaluator.Evaluate(Rule(Jurisdiction.EnglandAndWales), new ClockSubject(start)).DueDate);
        Assert.Equal(new DateOnly(2024, 12, 3), evaluator.Evaluate(Rule(Jurisdiction.Scotland), new ClockSubject(start)).DueDate);
    }

    private static AccountabilityTracker.Domain.Dates.PartialDate PartialDateOn(int year, int month, int day) => AccountabilityTracker.Domain.Dates.PartialDate.OnDay(year, month, day);
}
