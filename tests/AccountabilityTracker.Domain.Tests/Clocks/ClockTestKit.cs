using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

using Microsoft.Extensions.Time.Testing;

namespace AccountabilityTracker.Domain.Tests.Clocks;

/// <summary>Small builders so each clock test reads as its scenario.</summary>
internal static class ClockTestKit
{
    /// <summary>An evaluator whose today is <paramref name="today"/> (noon UTC is the same date in London, GMT or BST).</summary>
    public static ClockEvaluator On(DateOnly today) =>
        new(new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)), WorkingDayCalendar.EnglandAndWales);

    public static LimitRule CalendarDays(int amount, int warningPercent = LimitRule.DefaultWarningPercent) => new()
    {
        StageKind = StageKind.CpsDecision,
        Amount = amount,
        Unit = LimitUnit.CalendarDays,
        WarningPercent = warningPercent,
    };

    public static LimitRule Months(int amount) => new()
    {
        StageKind = StageKind.JudicialReview,
        Amount = amount,
        Unit = LimitUnit.Months,
    };

    public static LimitRule WorkingDays(int amount) => new()
    {
        StageKind = StageKind.MisconductProceedings,
        Amount = amount,
        Unit = LimitUnit.WorkingDays,
    };

    public static ClockSubject Running(DateOnly start, params Pause[] pauses) => new(PartialDate.OnDay(start), null, pauses);

    public static ClockSubject Ended(DateOnly start, DateOnly end, params Pause[] pauses) =>
        new(PartialDate.OnDay(start), PartialDate.OnDay(end), pauses);

    public static Pause Paused(DateOnly from, DateOnly? to) => new(from, to, "criminal proceedings");

    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
