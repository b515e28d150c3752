using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.Extensions.Time.Testing;

namespace AccountabilityTracker.Domain.Tests.Clocks;

/// <summary>
/// A stored clock read back on any day it is valid for says exactly what the evaluator says on that day: the
/// property every page that reads stored clocks relies on.
/// </summary>
public class ClockRecordTests
{
    private static readonly DateOnly Epoch = new(2019, 1, 1);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 6)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_record_read_on_any_day_it_holds_equals_a_fresh_evaluation(int seed)
    {
        var random = new Random(seed);
        var evaluator = new ClockEvaluator(new FakeTimeProvider(), WorkingDayCalendar.EnglandAndWales);
        var checkedReadings = 0;
        for (var i = 0; i < 250; i++)
        {
            var rule = RandomRule(random);
            var subject = RandomSubject(random);
            var computedOn = Epoch.AddDays(random.Next(0, 2500));
            var record = evaluator.Record(rule, subject, computedOn);

            // Every day from the computation until the record goes stale (or 400 days on).
            var last = record.ValidUntil is { } until ? until.AddDays(-1) : computedOn.AddDays(400);
            for (var day = computedOn; day <= last && day <= computedOn.AddDays(400); day = day.AddDays(1 + random.Next(0, 9)))
            {
                AssertSameReading(evaluator.Evaluate(rule, subject, day), record.ReadOn(day, rule), $"seed {seed}, subject {i}, day {day}");
                checkedReadings++;
            }

            if (record.ValidUntil is { } stale)
            {
                Assert.True(record.IsStaleOn(stale));
                Assert.False(record.IsStaleOn(stale.AddDays(-1)) && stale.AddDays(-1) < computedOn);
            }
        }

        Assert.True(checkedReadings > 1000, $"only {checkedReadings} readings compared");
    }

    [Fact]
    public void An_open_pause_makes_the_record_hold_for_one_day_only()
    {
        var evaluator = new ClockEvaluator(new FakeTimeProvider(), WorkingDayCalendar.EnglandAndWales);
        var start = new DateOnly(2024, 1, 10);
        var subject = new ClockSubject(PartialDate.OnDay(start), null, [new Pause(start.AddDays(5), null, "criminal proceedings")]);
        var today = start.AddDays(20);

        var record = evaluator.Record(Months(3), subject, today);

        Assert.Equal(today.AddDays(1), record.ValidUntil);
        Assert.True(record.IsPaused);
        Assert.Equal(ClockPhase.Running, record.Phase);
    }

    [Fact]
    public void An_extension_granted_later_ends_the_record_on_the_day_it_comes_into_force()
    {
        var evaluator = new ClockEvaluator(new FakeTimeProvider(), WorkingDayCalendar.EnglandAndWales);
        var start = new DateOnly(2024, 1, 10);
        var granted = start.AddDays(60);
        var subject = new ClockSubject(PartialDate.OnDay(start), null, null, [new Extension(granted, 6, LimitUnit.Months, "complex case")]);

        var record = evaluator.Record(Months(3), subject, start.AddDays(10));

        Assert.Equal(granted, record.ValidUntil);
        Assert.Null(record.ExtensionGrantedOn);
        Assert.Equal(6, evaluator.Record(Months(3), subject, granted).Amount);
    }

    [Fact]
    public void An_ended_stage_keeps_its_final_status_whatever_the_day()
    {
        var evaluator = new ClockEvaluator(new FakeTimeProvider(), WorkingDayCalendar.EnglandAndWales);
        var start = new DateOnly(2023, 3, 30);
        var subject = new ClockSubject(PartialDate.OnDay(start), PartialDate.OnDay(new DateOnly(2023, 9, 20)));

        var record = evaluator.Record(Months(3), subject, new DateOnly(2024, 1, 1));

        Assert.Equal(ClockPhase.Ended, record.Phase);
        Assert.Null(record.ValidUntil);
        Assert.Equal(ClockStatus.ConcludedLate, record.ReadOn(new DateOnly(2030, 1, 1), Months(3)).Status);
        Assert.Equal(82, record.FinalDaysOver);
    }

    private static void AssertSameReading(ClockReading expected, ClockReading actual, string where)
    {
        Assert.True(expected.Status == actual.Status, $"{where}: status {actual.Status}, evaluator {expected.Status}");
        Assert.True(expected.PossibleStatus == actual.PossibleStatus, $"{where}: possible status {actual.PossibleStatus}, evaluator {expected.PossibleStatus}");
        Assert.True(expected.Describe() == actual.Describe(), $"{where}: '{actual.Describe()}', evaluator '{expected.Describe()}'");
        Assert.Equal(expected.NotApplicableReason, actual.NotApplicableReason);
        Assert.Equal(expected.DueEarliest, actual.DueEarliest);
        Assert.Equal(expected.DueLatest, actual.DueLatest);
        Assert.Equal(expected.DaysOver, actual.DaysOver);
        Assert.Equal(expected.PossibleDaysOver, actual.PossibleDaysOver);
        Assert.Equal(expected.DaysRemaining, actual.DaysRemaining);
        Assert.Equal(expected.IsApproximate, actual.IsApproximate);
        Assert.Equal(expected.IsPaused, actual.IsPaused);
        Assert.Equal(expected.PausedDays, actual.PausedDays);
        Assert.Equal(expected.Amount, actual.Amount);
        Assert.Equal(expected.Unit, actual.Unit);
        Assert.Equal(expected.Extension?.GrantedOn, actual.Extension?.GrantedOn);
        Assert.Equal(expected.NextReportDue, actual.NextReportDue);
        Assert.Equal(expected.ReportsDueSoFar, actual.ReportsDueSoFar);
    }

    private static LimitRule? RandomRule(Random random)
    {
        if (random.Next(0, 12) == 0)
        {
            return null;
        }

        var units = Enum.GetValues<LimitUnit>();
        var unit = units[random.Next(0, units.Length)];
        var amount = unit switch
        {
            LimitUnit.Months => random.Next(1, 37),
            LimitUnit.WorkingDays => random.Next(5, 60),
            _ => random.Next(10, 400),
        };
        var reports = random.Next(0, 3) == 0;
        return new LimitRule
        {
            StageKind = Cases.StageKind.CpsDecision,
            Amount = amount,
            Unit = unit,
            WarningPercent = random.Next(50, 96),
            FirstReportAfterMonths = reports ? 12 : null,
            ReportEveryMonths = reports && random.Next(0, 2) == 0 ? 6 : null,
        };
    }

    private static ClockSubject RandomSubject(Random random)
    {
        var startDay = Epoch.AddDays(random.Next(0, 2000));
        var start = random.Next(0, 10) switch
        {
            0 => PartialDate.InMonth(startDay.Year, startDay.Month),
            1 => PartialDate.InYear(startDay.Year),
            2 when random.Next(0, 3) == 0 => PartialDate.Unknown,
            _ => PartialDate.OnDay(startDay),
        };
        var anchor = start.Earliest ?? startDay;

        PartialDate? end = random.Next(0, 3) == 0
            ? random.Next(0, 8) == 0 ? PartialDate.Unknown : PartialDate.OnDay(anchor.AddDays(random.Next(10, 900)))
            : null;

        var pauses = new List<Pause>();
        var cursor = anchor.AddDays(random.Next(1, 120));
        for (var p = random.Next(0, 3); p > 0; p--)
        {
            var open = p == 1 && end is null && random.Next(0, 3) == 0;
            var length = random.Next(1, 200);
            pauses.Add(new Pause(cursor, open ? null : cursor.AddDays(length), "paused"));
            cursor = cursor.AddDays(length + random.Next(1, 200));
        }

        var extensions = random.Next(0, 4) == 0
            ? new List<Extension> { new(anchor.AddDays(random.Next(1, 700)), random.Next(1, 24), LimitUnit.Months, "extended") }
            : [];
        return new ClockSubject(start, end, pauses, extensions);
    }

    private static LimitRule Months(int amount) => new() { StageKind = Cases.StageKind.CpsDecision, Amount = amount, Unit = LimitUnit.Months };
}
