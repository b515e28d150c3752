using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

using static AccountabilityTracker.Domain.Tests.Clocks.ClockTestKit;

namespace AccountabilityTracker.Domain.Tests.Clocks;

public class ClockEvaluatorTests
{
    private static readonly DateOnly Start = new(2024, 1, 10);

    // ---- units ----

    [Fact]
    public void Calendar_days_fall_due_that_many_days_after_the_start()
    {
        var today = Start.AddDays(10);

        var reading = On(today).Evaluate(CalendarDays(30), Running(Start));

        Assert.Equal(Start.AddDays(30), reading.DueDate);
        Assert.Equal(ClockStatus.WithinLimit, reading.Status);
        Assert.Equal(DaysBetween(today, Start.AddDays(30)), reading.DaysRemaining);
        Assert.Equal("due in 20 days", reading.Describe());
        Assert.Equal(10 * 100 / 30, reading.PercentUsed);
    }

    [Fact]
    public void Months_fall_due_on_the_same_day_of_the_month_or_the_months_last_day()
    {
        var start = new DateOnly(2023, 1, 31);

        var reading = On(start).Evaluate(Months(1), Running(start));

        Assert.Equal(new DateOnly(2023, 2, 28), reading.DueDate);
    }

    [Fact]
    public void Twelve_months_from_a_leap_day_ends_on_28_february()
    {
        var leapDay = new DateOnly(2024, 2, 29);

        var reading = On(leapDay).Evaluate(Months(12), Running(leapDay));

        Assert.Equal(leapDay.AddMonths(12), reading.DueDate);
        Assert.Equal(new DateOnly(2025, 2, 28), reading.DueDate);
    }

    [Fact]
    public void Working_days_skip_weekends_and_easter()
    {
        var papers = new DateOnly(2024, 3, 20);

        var reading = On(papers).Evaluate(WorkingDays(15), Running(papers));

        Assert.Equal(new DateOnly(2024, 4, 12), reading.DueDate);
        Assert.Equal(WorkingDayCalendar.EnglandAndWales.AddWorkingDays(papers, 15), reading.DueDate);
    }

    [Fact]
    public void Working_days_count_the_leap_day()
    {
        var start = new DateOnly(2024, 2, 28);

        var reading = On(start).Evaluate(WorkingDays(2), Running(start));

        Assert.Equal(new DateOnly(2024, 3, 1), reading.DueDate);
    }

    [Theory]
    [InlineData("2021-12-24", 1, "2021-12-29")]
    [InlineData("2022-12-23", 1, "2022-12-28")]
    [InlineData("2022-09-16", 1, "2022-09-20")]
    [InlineData("2023-05-05", 1, "2023-05-09")]
    [InlineData("2022-06-01", 2, "2022-06-07")]
    [InlineData("2020-05-07", 1, "2020-05-11")]
    [InlineData("2025-04-17", 1, "2025-04-22")]
    public void Working_day_limits_step_over_bank_holidays(string start, int amount, string due)
    {
        var from = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture);

        var reading = On(from).Evaluate(WorkingDays(amount), Running(from));

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), reading.DueDate);
    }

    // ---- the four statuses at their boundaries ----

    [Fact]
    public void The_day_before_the_due_date_is_within_limit_with_one_day_left()
    {
        var due = Start.AddDays(100);

        var reading = On(due.AddDays(-1)).Evaluate(CalendarDays(100), Running(Start));

        Assert.Equal(ClockStatus.Approaching, reading.Status);
        Assert.Equal(1, reading.DaysRemaining);
        Assert.Null(reading.DaysOver);
        Assert.Equal("due in 1 day", reading.Describe());
    }

    [Fact]
    public void On_the_due_date_the_stage_is_still_within_limit()
    {
        var due = Start.AddDays(100);

        var reading = On(due).Evaluate(CalendarDays(100), Running(Start));

        Assert.NotEqual(ClockStatus.Overdue, reading.Status);
        Assert.Equal(0, reading.DaysRemaining);
        Assert.Equal("due today", reading.Describe());
    }

    [Fact]
    public void The_day_after_the_due_date_is_overdue_by_one_day()
    {
        var due = Start.AddDays(100);

        var reading = On(due.AddDays(1)).Evaluate(CalendarDays(100), Running(Start));

        Assert.Equal(ClockStatus.Overdue, reading.Status);
        Assert.Equal(1, reading.DaysOver);
        Assert.Null(reading.DaysRemaining);
        Assert.Equal("1 day over", reading.Describe());
    }

    [Fact]
    public void Approaching_starts_exactly_at_the_warning_share()
    {
        var rule = CalendarDays(100, warningPercent: 80);

        Assert.Equal(ClockStatus.WithinLimit, On(Start.AddDays(79)).Evaluate(rule, Running(Start)).Status);
        Assert.Equal(ClockStatus.Approaching, On(Start.AddDays(80)).Evaluate(rule, Running(Start)).Status);
    }

    [Fact]
    public void A_month_limit_warns_at_the_share_of_its_calendar_days()
    {
        var start = new DateOnly(2023, 1, 1);
        var limitDays = DaysBetween(start, start.AddMonths(12));
        var threshold = ((80 * limitDays) + 99) / 100; // first whole day at or past 80%

        Assert.Equal(ClockStatus.WithinLimit, On(start.AddDays(threshold - 1)).Evaluate(Months(12), Running(start)).Status);
        Assert.Equal(ClockStatus.Approaching, On(start.AddDays(threshold)).Evaluate(Months(12), Running(start)).Status);
    }

    [Fact]
    public void A_working_day_limit_warns_at_the_share_of_its_working_days()
    {
        var papers = new DateOnly(2024, 3, 20);
        var calendar = WorkingDayCalendar.EnglandAndWales;

        // 80% of 15 working days is 12.
        Assert.Equal(ClockStatus.WithinLimit, On(calendar.AddWorkingDays(papers, 11)).Evaluate(WorkingDays(15), Running(papers)).Status);
        Assert.Equal(ClockStatus.Approaching, On(calendar.AddWorkingDays(papers, 12)).Evaluate(WorkingDays(15), Running(papers)).Status);
    }

    [Fact]
    public void A_working_day_limit_is_overdue_on_the_weekend_after_its_last_working_day()
    {
        var papers = new DateOnly(2024, 3, 20);
        var due = new DateOnly(2024, 4, 12);

        var reading = On(due.AddDays(1)).Evaluate(WorkingDays(15), Running(papers));

        Assert.Equal(ClockStatus.Overdue, reading.Status);
        Assert.Equal(1, reading.DaysOver);
    }

    [Fact]
    public void Ending_on_the_due_date_is_in_time_and_the_day_after_is_late()
    {
        var due = Start.AddDays(100);
        var evaluator = On(due.AddDays(30));

        var onTime = evaluator.Evaluate(CalendarDays(100), Ended(Start, due));
        var early = evaluator.Evaluate(CalendarDays(100), Ended(Start, due.AddDays(-1)));
        var late = evaluator.Evaluate(CalendarDays(100), Ended(Start, due.AddDays(1)));

        Assert.Equal(ClockStatus.ConcludedInTime, onTime.Status);
        Assert.Equal(ClockStatus.ConcludedInTime, early.Status);
        Assert.Equal("concluded within limit", onTime.Describe());
        Assert.Null(onTime.DaysRemaining);
        Assert.Equal(ClockStatus.ConcludedLate, late.Status);
        Assert.Equal(1, late.DaysOver);
        Assert.Equal("concluded 1 day late", late.Describe());
    }

    [Fact]
    public void An_overdue_count_runs_to_today()
    {
        var due = Start.AddDays(30);
        var today = new DateOnly(2025, 6, 1);

        var reading = On(today).Evaluate(CalendarDays(30), Running(Start));

        Assert.Equal(DaysBetween(due, today), reading.DaysOver);
        Assert.Equal($"{DaysBetween(due, today)} days over", reading.Describe());
    }

    [Fact]
    public void Counts_over_a_thousand_are_grouped()
    {
        var reading = On(Start.AddDays(1234)).Evaluate(CalendarDays(1), Running(Start));

        Assert.Equal("1,233 days over", reading.Describe());
    }

    // ---- pauses ----

    [Fact]
    public void A_pause_pushes_the_due_date_by_its_days()
    {
        var pause = Paused(Start.AddDays(10), Start.AddDays(20));

        var reading = On(Start.AddDays(30)).Evaluate(CalendarDays(100), Running(Start, pause));

        Assert.Equal(Start.AddDays(100 + 10), reading.DueDate);
        Assert.Equal(10, reading.PausedDays);
        Assert.False(reading.IsPaused);
    }

    [Fact]
    public void Overlapping_pauses_count_each_day_once()
    {
        var first = Paused(Start.AddDays(10), Start.AddDays(20));
        var overlapping = Paused(Start.AddDays(15), Start.AddDays(30));
        var inside = Paused(Start.AddDays(12), Start.AddDays(14));
        var union = DaysBetween(Start.AddDays(10), Start.AddDays(30));

        var reading = On(Start.AddDays(40)).Evaluate(CalendarDays(100), Running(Start, first, overlapping, inside));

        Assert.Equal(Start.AddDays(100 + union), reading.DueDate);
        Assert.Equal(union, reading.PausedDays);
    }

    [Fact]
    public void Pausing_again_at_the_moment_a_pause_ends_joins_them()
    {
        var first = Paused(Start.AddDays(10), Start.AddDays(20));
        var next = Paused(Start.AddDays(20), Start.AddDays(25));

        var reading = On(Start.AddDays(40)).Evaluate(CalendarDays(100), Running(Start, first, next));

        Assert.Equal(Start.AddDays(115), reading.DueDate);
    }

    [Fact]
    public void An_open_pause_runs_through_today_and_the_reading_says_paused()
    {
        var today = Start.AddDays(70);
        var pause = Paused(Start.AddDays(50), null);
        var pausedSoFar = DaysBetween(Start.AddDays(50), today) + 1; // today is paused too

        var reading = On(today).Evaluate(CalendarDays(100), Running(Start, pause));

        Assert.True(reading.IsPaused);
        Assert.Equal(pausedSoFar, reading.PausedDays);
        Assert.Equal(Start.AddDays(100 + pausedSoFar), reading.DueDate);
        Assert.Equal(ClockStatus.WithinLimit, reading.Status);
        Assert.Equal(DaysBetween(today, Start.AddDays(100 + pausedSoFar)), reading.DaysRemaining);
        Assert.EndsWith(", paused", reading.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void While_paused_the_days_remaining_stand_still()
    {
        var pause = Paused(Start.AddDays(50), null);

        var monday = On(Start.AddDays(60)).Evaluate(CalendarDays(100), Running(Start, pause));
        var friday = On(Start.AddDays(64)).Evaluate(CalendarDays(100), Running(Start, pause));

        Assert.Equal(monday.DaysRemaining, friday.DaysRemaining);
        Assert.True(friday.DueDate > monday.DueDate);
    }

    [Fact]
    public void An_open_pause_on_an_ended_stage_runs_to_the_end_day()
    {
        var end = Start.AddDays(130);
        var pause = Paused(Start.AddDays(50), null);

        var reading = On(end.AddDays(200)).Evaluate(CalendarDays(100), Ended(Start, end, pause));

        Assert.Equal(ClockStatus.ConcludedInTime, reading.Status);
        Assert.Equal(DaysBetween(Start.AddDays(50), end) + 1, reading.PausedDays);
        Assert.False(reading.IsPaused);
    }

    [Fact]
    public void A_pause_running_past_the_original_due_date_moves_it_past_the_pause()
    {
        var pause = Paused(Start.AddDays(90), Start.AddDays(150));
        var pausedDays = DaysBetween(Start.AddDays(90), Start.AddDays(150));
        var due = Start.AddDays(100 + pausedDays);

        var during = On(Start.AddDays(120)).Evaluate(CalendarDays(100), Running(Start, pause));
        var onDue = On(due).Evaluate(CalendarDays(100), Running(Start, pause));
        var after = On(due.AddDays(1)).Evaluate(CalendarDays(100), Running(Start, pause));

        Assert.Equal(due, during.DueDate);
        Assert.True(during.IsPaused);
        Assert.Equal(ClockStatus.Approaching, during.Status);
        Assert.Equal(ClockStatus.Approaching, onDue.Status);
        Assert.Equal(0, onDue.DaysRemaining);
        Assert.Equal(ClockStatus.Overdue, after.Status);
        Assert.Equal(1, after.DaysOver);
    }

    [Fact]
    public void Pushing_the_due_date_brings_a_later_pause_into_range()
    {
        var early = Paused(Start.AddDays(50), Start.AddDays(70));   // 20 days: due moves from +100 to +120
        var later = Paused(Start.AddDays(110), Start.AddDays(115)); // now inside the range: 5 more days

        var reading = On(Start).Evaluate(CalendarDays(100), Running(Start, later, early));

        Assert.Equal(Start.AddDays(125), reading.DueDate);
    }

    [Fact]
    public void A_pause_that_begins_after_the_due_date_does_not_rescue_the_stage()
    {
        var due = Start.AddDays(100);
        var today = due.AddDays(10);
        var pause = Paused(due.AddDays(5), null);

        var reading = On(today).Evaluate(CalendarDays(100), Running(Start, pause));

        Assert.Equal(due, reading.DueDate);
        Assert.Equal(ClockStatus.Overdue, reading.Status);
        Assert.Equal(10, reading.DaysOver);
        Assert.True(reading.IsPaused);
        Assert.Equal("10 days over, paused", reading.Describe());
    }

    [Fact]
    public void A_pause_before_the_start_is_ignored_and_one_across_it_counts_only_after_it()
    {
        var before = Paused(Start.AddDays(-30), Start.AddDays(-10));
        var across = Paused(Start.AddDays(-5), Start.AddDays(6));

        var reading = On(Start).Evaluate(CalendarDays(100), Running(Start, before, across));

        Assert.Equal(Start.AddDays(100 + 5), reading.DueDate); // days +1 to +5 paused; the start day is day 0 anyway
    }

    [Fact]
    public void A_future_pause_with_a_known_resumption_moves_the_due_date_now()
    {
        var pause = Paused(Start.AddDays(40), Start.AddDays(68)); // e.g. an inquest suspended for 28 days

        var reading = On(Start.AddDays(20)).Evaluate(CalendarDays(100), Running(Start, pause));

        Assert.Equal(Start.AddDays(128), reading.DueDate);
        Assert.Equal(0, reading.PausedDays);
        Assert.False(reading.IsPaused);
    }

    [Fact]
    public void A_working_day_limit_is_pushed_by_paused_working_days_only()
    {
        var papers = new DateOnly(2024, 3, 20);
        var calendar = WorkingDayCalendar.EnglandAndWales;
        var pause = Paused(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 8)); // Easter Monday to the next Monday
        var pausedWorkingDays = calendar.CountWorkingDays(new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 7));

        var reading = On(papers).Evaluate(WorkingDays(15), Running(papers, pause));

        Assert.Equal(4, pausedWorkingDays);
        Assert.Equal(calendar.AddWorkingDays(papers, 15 + pausedWorkingDays), reading.DueDate);
        Assert.Equal(new DateOnly(2024, 4, 18), reading.DueDate);
    }

    [Fact]
    public void A_month_limit_is_pushed_by_paused_calendar_days()
    {
        var start = new DateOnly(2023, 5, 15);
        var pause = Paused(new DateOnly(2023, 7, 1), new DateOnly(2023, 8, 1));

        var reading = On(start).Evaluate(Months(6), Running(start, pause));

        Assert.Equal(start.AddMonths(6).AddDays(31), reading.DueDate);
    }

    // ---- extensions ----

    [Fact]
    public void An_extension_replaces_the_amount_and_is_shown()
    {
        var start = new DateOnly(2022, 1, 10);
        var extension = new Extension(new DateOnly(2022, 11, 1), 18, null, "complex investigation");
        var subject = new ClockSubject(PartialDate.OnDay(start), null, null, [extension]);

        var reading = On(new DateOnly(2023, 2, 1)).Evaluate(DefaultLimitRules.IopcInvestigation, subject);

        Assert.True(reading.IsExtended);
        Assert.Equal(18, reading.Amount);
        Assert.Equal(start.AddMonths(18), reading.DueDate);
        Assert.NotEqual(ClockStatus.Overdue, reading.Status);
    }

    [Fact]
    public void The_latest_granted_extension_wins_whatever_the_order_listed()
    {
        var start = new DateOnly(2022, 1, 10);
        var later = new Extension(new DateOnly(2023, 1, 5), 24, null, "second");
        var earlier = new Extension(new DateOnly(2022, 11, 1), 18, null, "first");
        var subject = new ClockSubject(PartialDate.OnDay(start), null, null, [later, earlier]);

        var reading = On(new DateOnly(2023, 8, 1)).Evaluate(DefaultLimitRules.IopcInvestigation, subject);

        Assert.Equal(24, reading.Amount);
        Assert.Same(later, reading.Extension);
        Assert.Equal(start.AddMonths(24), reading.DueDate);
    }

    [Fact]
    public void An_extension_not_yet_granted_is_not_in_force()
    {
        var start = new DateOnly(2022, 1, 10);
        var future = new Extension(new DateOnly(2023, 6, 1), 18, null, "planned");
        var subject = new ClockSubject(PartialDate.OnDay(start), null, null, [future]);

        var reading = On(new DateOnly(2023, 3, 1)).Evaluate(DefaultLimitRules.IopcInvestigation, subject);

        Assert.False(reading.IsExtended);
        Assert.Equal(12, reading.Amount);
        Assert.Equal(ClockStatus.Overdue, reading.Status);
    }

    [Fact]
    public void An_extension_can_change_the_unit()
    {
        var papers = new DateOnly(2024, 3, 20);
        var extension = new Extension(papers.AddDays(5), 30, LimitUnit.CalendarDays, "chair unavailable");
        var subject = new ClockSubject(PartialDate.OnDay(papers), null, null, [extension]);

        var reading = On(papers.AddDays(10)).Evaluate(WorkingDays(15), subject);

        Assert.Equal(LimitUnit.CalendarDays, reading.Unit);
        Assert.Equal(papers.AddDays(30), reading.DueDate);
    }

    [Fact]
    public void An_extension_granted_after_the_original_due_date_turns_late_into_in_time()
    {
        var start = new DateOnly(2022, 1, 10);
        var end = start.AddMonths(15);
        var extension = new Extension(start.AddMonths(13), 18, null, "granted late");
        var subject = new ClockSubject(PartialDate.OnDay(start), PartialDate.OnDay(end), null, [extension]);

        var reading = On(end.AddDays(1)).Evaluate(DefaultLimitRules.IopcInvestigation, subject);

        Assert.Equal(ClockStatus.ConcludedInTime, reading.Status);
    }

    // ---- imprecise and unknown dates ----

    [Fact]
    public void A_month_precision_start_gives_a_due_date_range()
    {
        var subject = new ClockSubject(PartialDate.InMonth(2023, 3));

        var reading = On(new DateOnly(2023, 4, 1)).Evaluate(Months(6), subject);

        Assert.Equal(new DateOnly(2023, 9, 1), reading.DueEarliest);
        Assert.Equal(new DateOnly(2023, 9, 30), reading.DueLatest);
        Assert.Equal(reading.DueLatest, reading.DueDate);
        Assert.True(reading.IsApproximate);
        Assert.False(reading.IsUncertain);
        Assert.Equal(ClockStatus.WithinLimit, reading.Status);
    }

    [Fact]
    public void When_the_status_depends_on_the_unknown_day_only_the_certain_status_is_claimed()
    {
        var today = new DateOnly(2023, 9, 15);
        var subject = new ClockSubject(PartialDate.InMonth(2023, 3));

        var reading = On(today).Evaluate(Months(6), subject);

        Assert.True(reading.IsUncertain);
        Assert.Equal(ClockStatus.Approaching, reading.Status);
        Assert.Equal(ClockStatus.Overdue, reading.PossibleStatus);
        Assert.Equal(DaysBetween(today, new DateOnly(2023, 9, 30)), reading.DaysRemaining);
        Assert.Null(reading.DaysOver);
        Assert.Equal(DaysBetween(new DateOnly(2023, 9, 1), today), reading.PossibleDaysOver);
        Assert.Equal("due in up to 15 days, possibly overdue", reading.Describe());
    }

    [Fact]
    public void Overdue_whatever_the_day_is_certain_but_the_count_is_about()
    {
        var today = new DateOnly(2023, 10, 10);
        var subject = new ClockSubject(PartialDate.InMonth(2023, 3));
        var fewest = DaysBetween(new DateOnly(2023, 9, 30), today);
        var most = DaysBetween(new DateOnly(2023, 9, 1), today);

        var reading = On(today).Evaluate(Months(6), subject);

        Assert.Equal(ClockStatus.Overdue, reading.Status);
        Assert.False(reading.IsUncertain);
        Assert.Equal(fewest, reading.DaysOver);
        Assert.Equal(most, reading.PossibleDaysOver);
        Assert.Equal($"about {new DayRange(fewest, most).Midpoint} days over ({fewest}–{most})", reading.Describe());
    }

    [Fact]
    public void A_stage_that_may_have_ended_late_is_claimed_only_as_in_time()
    {
        var subject = new ClockSubject(PartialDate.InMonth(2023, 3), PartialDate.OnDay(2023, 9, 15));

        var reading = On(new DateOnly(2024, 1, 1)).Evaluate(Months(6), subject);

        Assert.Equal(ClockStatus.ConcludedInTime, reading.Status);
        Assert.Equal(ClockStatus.ConcludedLate, reading.PossibleStatus);
        Assert.Equal("concluded within limit, possibly late", reading.Describe());
    }

    [Fact]
    public void A_month_precision_end_is_late_for_certain_only_if_its_first_day_is_late()
    {
        var start = new DateOnly(2022, 12, 20); // due 18 Feb 2023, before any day of March
        var subject = new ClockSubject(PartialDate.OnDay(start), PartialDate.InMonth(2023, 3));

        var reading = On(new DateOnly(2024, 1, 1)).Evaluate(CalendarDays(60), subject);

        Assert.Equal(ClockStatus.ConcludedLate, reading.Status);
        Assert.Equal(DaysBetween(start.AddDays(60), new DateOnly(2023, 3, 1)), reading.DaysOver);
        Assert.Equal(DaysBetween(start.AddDays(60), new DateOnly(2023, 3, 31)), reading.PossibleDaysOver);
        Assert.StartsWith("concluded about ", reading.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_precision_start_spans_the_whole_year()
    {
        var subject = new ClockSubject(PartialDate.InYear(2019));

        var reading = On(new DateOnly(2019, 3, 1)).Evaluate(Months(6), subject);

        Assert.Equal(new DateOnly(2019, 7, 1), reading.DueEarliest);
        Assert.Equal(new DateOnly(2020, 6, 30), reading.DueLatest);
    }

    [Fact]
    public void No_rule_or_an_unknown_date_is_not_applicable_and_says_why()
    {
        var evaluator = On(Start);

        var noRule = evaluator.Evaluate(null, Running(Start));
        var noStart = evaluator.Evaluate(CalendarDays(10), new ClockSubject(PartialDate.Unknown));
        var noEnd = evaluator.Evaluate(CalendarDays(10), new ClockSubject(PartialDate.OnDay(Start), PartialDate.Unknown));

        Assert.All([noRule, noStart, noEnd], r => Assert.Equal(ClockStatus.NotApplicable, r.Status));
        Assert.All([noRule, noStart, noEnd], r => Assert.Null(r.DueDate));
        Assert.Equal("no limit", noRule.Describe());
        Assert.Equal("start date unknown", noStart.Describe());
        Assert.Equal("end date unknown", noEnd.Describe());
    }

    [Fact]
    public void An_invalid_rule_is_refused()
    {
        Assert.Throws<ArgumentException>(() => On(Start).Evaluate(CalendarDays(0), Running(Start)));
    }

    // ---- recurring reports ----

    [Fact]
    public void Reports_fall_due_at_twelve_months_then_every_six()
    {
        var start = new DateOnly(2022, 9, 9);
        var rule = DefaultLimitRules.IopcInvestigation;
        var first = start.AddMonths(12);

        Assert.Equal(first, On(first.AddDays(-1)).Evaluate(rule, Running(start)).NextReportDue);
        Assert.Equal(first, On(first).Evaluate(rule, Running(start)).NextReportDue);

        var dayAfter = On(first.AddDays(1)).Evaluate(rule, Running(start));
        Assert.Equal(start.AddMonths(18), dayAfter.NextReportDue);
        Assert.Equal(1, dayAfter.ReportsDueSoFar);

        var later = On(new DateOnly(2025, 1, 1)).Evaluate(rule, Running(start));
        Assert.Equal(start.AddMonths(30), later.NextReportDue);
        Assert.Equal(3, later.ReportsDueSoFar); // 12, 18 and 24 months
    }

    [Fact]
    public void Report_dates_do_not_drift_at_month_ends()
    {
        var start = new DateOnly(2023, 8, 31);
        var rule = DefaultLimitRules.IopcInvestigation;

        Assert.Equal(new DateOnly(2025, 2, 28), On(new DateOnly(2024, 9, 1)).Evaluate(rule, Running(start)).NextReportDue);
        Assert.Equal(new DateOnly(2025, 8, 31), On(new DateOnly(2025, 3, 1)).Evaluate(rule, Running(start)).NextReportDue);
    }

    [Fact]
    public void No_reports_for_an_ended_stage_or_a_rule_without_them()
    {
        var start = new DateOnly(2022, 9, 9);
        var evaluator = On(new DateOnly(2023, 1, 1));

        Assert.Null(evaluator.Evaluate(DefaultLimitRules.IopcInvestigation, Ended(start, new DateOnly(2022, 12, 1))).NextReportDue);
        Assert.Null(evaluator.Evaluate(CalendarDays(500), Running(start)).NextReportDue);
    }

    [Fact]
    public void A_single_report_is_not_repeated()
    {
        var opened = new DateOnly(2022, 10, 4);

        var before = On(new DateOnly(2023, 10, 1)).Evaluate(DefaultLimitRules.Inquest, Running(opened));
        var after = On(new DateOnly(2023, 10, 5)).Evaluate(DefaultLimitRules.Inquest, Running(opened));

        Assert.Equal(opened.AddMonths(12), before.NextReportDue);
        Assert.Null(after.NextReportDue);
        Assert.Equal(1, after.ReportsDueSoFar);
    }

    // ---- today is the date in London ----

    [Fact]
    public void Today_is_the_london_date_in_summer_time()
    {
        var lateUtc = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 6, 30, 23, 30, 0, TimeSpan.Zero));
        var winterUtc = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2024, 7, 1), new ClockEvaluator(lateUtc, WorkingDayCalendar.EnglandAndWales).Today());
        Assert.Equal(new DateOnly(2024, 12, 31), new ClockEvaluator(winterUtc, WorkingDayCalendar.EnglandAndWales).Today());
    }

    [Fact]
    public void A_clock_turns_overdue_at_london_midnight()
    {
        var start = new DateOnly(2024, 6, 1);
        var due = start.AddDays(30); // 1 Jul 2024, in British Summer Time
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(due.ToDateTime(new TimeOnly(22, 59)), TimeSpan.Zero));
        var evaluator = new ClockEvaluator(time, WorkingDayCalendar.EnglandAndWales);

        Assert.Equal(ClockStatus.Approaching, evaluator.Evaluate(CalendarDays(30), Running(start)).Status);

        time.Advance(TimeSpan.FromMinutes(1)); // 23:00 UTC is midnight in London

        Assert.Equal(ClockStatus.Overdue, evaluator.Evaluate(CalendarDays(30), Running(start)).Status);
    }
}
