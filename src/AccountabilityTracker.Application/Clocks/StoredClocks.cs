using System.Linq.Expressions;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// Questions asked of stored clocks (<see cref="ClockRecord"/>), with today as a parameter. Every one is built from the
/// domain's <see cref="ClockThresholds"/> (past due, warning reached) and the record's phase, so the database (lists,
/// counts, filters, reports) and memory (<see cref="ClockRecord.ReadOn"/>, the case page) apply the same definition;
/// each predicate keeps the comparison on a stored column, so the indexes on the due and warning dates serve it.
/// </summary>
public static class StoredClocks
{
    /// <summary>Running and past its due date for certain.</summary>
    public static Expression<Func<ClockRecord, bool>> Overdue(DateOnly today) =>
        FactExpressions.Bind((ClockRecord c, DateOnly day) => c.Phase == ClockPhase.Running && ClockThresholds.IsPastDue.Apply(c.DueLatest, day), today);

    /// <summary>Running and either overdue or approaching, for certain or possibly: what the Overdue page lists.</summary>
    public static Expression<Func<ClockRecord, bool>> Flagged(DateOnly today) =>
        FactExpressions.Bind((ClockRecord c, DateOnly day) => c.Phase == ClockPhase.Running && ClockThresholds.HasReachedWarning.Apply(c.WarnEarliest, day), today);

    /// <summary>Past its limit: overdue today for certain, or concluded late for certain.</summary>
    public static Expression<Func<ClockRecord, bool>> PastLimit(DateOnly today) =>
        FactExpressions.Bind((ClockRecord c, DateOnly day) => (c.Phase == ClockPhase.Running && ClockThresholds.IsPastDue.Apply(c.DueLatest, day))
                   || (c.Phase == ClockPhase.Ended && c.FinalStatus == ClockStatus.ConcludedLate), today);

    /// <summary>The clock's status (for certain) on <paramref name="today"/> is <paramref name="status"/>.</summary>
    public static Expression<Func<ClockRecord, bool>> HasStatus(ClockStatus status, DateOnly today) => status switch
    {
        ClockStatus.Overdue => Overdue(today),
        ClockStatus.Approaching => FactExpressions.Bind(
            (ClockRecord c, DateOnly day) => c.Phase == ClockPhase.Running && !ClockThresholds.IsPastDue.Apply(c.DueLatest, day) && ClockThresholds.HasReachedWarning.Apply(c.WarnLatest, day), today),
        ClockStatus.WithinLimit => FactExpressions.Bind(
            (ClockRecord c, DateOnly day) => c.Phase == ClockPhase.Running && !ClockThresholds.HasReachedWarning.Apply(c.WarnLatest, day), today),
        ClockStatus.ConcludedInTime => c => c.Phase == ClockPhase.Ended && c.FinalStatus == ClockStatus.ConcludedInTime,
        ClockStatus.ConcludedLate => c => c.Phase == ClockPhase.Ended && c.FinalStatus == ClockStatus.ConcludedLate,
        _ => c => c.Phase == ClockPhase.NotApplicable,
    };

    /// <summary>Urgency tier as the Overdue page sorts: 0 overdue for certain, 1 possibly overdue, 2 approaching.</summary>
    public static Expression<Func<ClockRecord, int>> UrgencyTier(DateOnly today) =>
        FactExpressions.Bind((ClockRecord c, DateOnly day) => ClockThresholds.IsPastDue.Apply(c.DueLatest, day) ? 0 : ClockThresholds.IsPastDue.Apply(c.DueEarliest, day) ? 1 : 2, today);

    /// <summary>Within a tier, the due date that orders it: furthest over (or soonest due) first.</summary>
    public static Expression<Func<ClockRecord, DateOnly?>> UrgencyDate(DateOnly today) =>
        FactExpressions.Bind((ClockRecord c, DateOnly day) => ClockThresholds.IsPastDue.Apply(c.DueLatest, day) ? c.DueLatest : ClockThresholds.IsPastDue.Apply(c.DueEarliest, day) ? c.DueEarliest : c.DueLatest, today);

    /// <summary>Applies a question about a clock to the stage that stores it.</summary>
    public static Expression<Func<Stage, TResult>> OfStage<TResult>(Expression<Func<ClockRecord, TResult>> question) => Compose((Stage s) => s.Clock, question);

    /// <summary>Applies a question about a clock to the milestone that stores it (its event-to-event clock).</summary>
    public static Expression<Func<Milestone, TResult>> OfMilestone<TResult>(Expression<Func<ClockRecord, TResult>> question) => Compose((Milestone m) => m.Clock, question);

    /// <summary>Applies a question about a clock to the case that stores it (its whole-case clock).</summary>
    public static Expression<Func<Case, TResult>> OfCase<TResult>(Expression<Func<ClockRecord, TResult>> question) => Compose((Case c) => c.Clock, question);

    private static Expression<Func<TOwner, TResult>> Compose<TOwner, TResult>(Expression<Func<TOwner, ClockRecord>> clock, Expression<Func<ClockRecord, TResult>> question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var body = new ReplaceExpression(question.Parameters[0], clock.Body).Visit(question.Body)!;
        return Expression.Lambda<Func<TOwner, TResult>>(body, clock.Parameters);
    }
}
