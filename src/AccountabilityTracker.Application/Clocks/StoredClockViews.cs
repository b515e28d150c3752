using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// The clock a page shows for a stage, a case or a milestone it has loaded: its stored record read on today
/// (<see cref="ClockRecord.ReadOn"/>), exactly as the lists, the Overdue page, reports and notifications read it. The
/// case page, the timeline and the stage clock page use these, so a clock never reads one way on the case and another
/// on a list. The records are kept fresh by <see cref="ClockFreshness"/> before the handler runs.
/// </summary>
public static class StoredClockViews
{
    public static ClockView OfStage(Stage stage, LimitRule? rule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var view = ClockView.From(stage.Clock.ReadOn(today, rule));

        // The record keeps when the extension in force was granted, not why: the reason is the stage's own (of two
        // granted the same day, the one listed last is in force, as the evaluator takes it).
        return view.ExtensionGrantedOn is { } granted
            ? view with { ExtensionReason = stage.Extensions.LastOrDefault(e => e.GrantedOn == granted)?.Reason }
            : view;
    }

    public static ClockView OfCase(Case owner, LimitRule? rule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return ClockView.From(owner.Clock.ReadOn(today, rule));
    }

    public static ClockView OfMilestone(Milestone milestone, LimitRule rule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return ClockView.From(milestone.Clock.ReadOn(today, rule));
    }
}
