using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Tests.Stages;

/// <summary>
/// The durations a stage stores for limit scenarios: its length in days and the whole months before its end, which must
/// say "overran an N-month limit" exactly when the end is after start.AddMonths(N), over every day of a leap cycle.
/// </summary>
public class StageDurationTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static Case NewCase() => Case.Open("ATC-2015-0001", new CaseParticulars(
        "A case", "not published", PartialDate.OnDay(2015, 1, 1), null, "London", Forces.MetropolitanPolice,
        IncidentType.Shooting, Harm.Fatal, OperationCategory.OtherCriminalOperation, null), Now);

    [Fact]
    public void Months_before_the_end_reach_N_exactly_when_the_end_is_after_start_plus_N_months()
    {
        var checkedPairs = 0;
        for (var start = new DateOnly(2015, 1, 1); start < new DateOnly(2019, 1, 1); start = start.AddDays(3))
        {
            foreach (var length in new[] { 0, 1, 27, 28, 29, 30, 31, 59, 60, 61, 89, 90, 91, 92, 364, 365, 366, 1095, 1827 })
            {
                var end = start.AddDays(length);
                var months = StageSpan.MonthsBeforeEnd(start, end);
                foreach (var n in new[] { 1, 2, 3, 6, 12, 36, 60 })
                {
                    Assert.True(StageSpan.Overran(start, end, n, months: true) == (months >= n), $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd}, {n} months: stored {months}");
                    checkedPairs++;
                }
            }
        }

        Assert.True(checkedPairs > 10_000);
    }

    [Theory]
    [InlineData("2023-01-31", "2023-02-28", 0)] // 31 Jan + 1 month is 28 Feb: not after it
    [InlineData("2023-01-31", "2023-03-01", 1)]
    [InlineData("2024-01-31", "2024-02-29", 0)]
    [InlineData("2022-09-05", "2022-12-05", 2)] // exactly 3 months: not overrun
    [InlineData("2022-09-05", "2022-12-06", 3)]
    [InlineData("2022-09-05", "2022-09-05", -1)]
    public void Months_before_the_end_of_chosen_stages(string start, string end, int expected) =>
        Assert.Equal(expected, StageSpan.MonthsBeforeEnd(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_stage_stores_its_durations_only_while_it_ended_with_both_days_known()
    {
        var subject = NewCase();
        var stage = subject.AddStage(StageKind.CpsDecision, "CPS", PartialDate.OnDay(2023, 3, 15), null, null, Now);
        Assert.Null(stage.DurationDays);
        Assert.Null(stage.MonthsBeforeEnd);

        stage.Close(PartialDate.OnDay(2023, 9, 5), null, Now);
        Assert.Equal(174, stage.DurationDays);
        Assert.Equal(5, stage.MonthsBeforeEnd);

        stage.Edit(StageKind.CpsDecision, "CPS", PartialDate.OnDay(2023, 3, 15), PartialDate.InMonth(2023, 9), null, null, Now);
        Assert.Null(stage.DurationDays);
        Assert.Null(stage.MonthsBeforeEnd);

        stage.Edit(StageKind.CpsDecision, "CPS", PartialDate.InYear(2023), PartialDate.OnDay(2023, 9, 5), null, null, Now);
        Assert.Null(stage.DurationDays);

        stage.Edit(StageKind.CpsDecision, "CPS", PartialDate.OnDay(2023, 3, 15), PartialDate.OnDay(2024, 3, 16), null, null, Now);
        Assert.Equal(367, stage.DurationDays);
        Assert.Equal(12, stage.MonthsBeforeEnd);
    }
}
