using System.Linq.Expressions;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore.Query;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// Questions asked of stored clocks (<see cref="ClockRecord"/>) in the database, with today as a parameter: each
/// predicate says in SQL what <see cref="ClockRecord.ReadOn"/> says in memory, so lists, counts and filters never
/// evaluate a clock row by row.
/// </summary>
public static class StoredClocks
{
    /// <summary>Running and either overdue or approaching, for certain or possibly: what the Overdue page lists.</summary>
    public static Expression<Func<ClockRecord, bool>> Flagged(DateOnly today) =>
        c => c.Phase == ClockPhase.Running && c.WarnEarliest <= today;

    /// <summary>Running and past its due date for certain.</summary>
    public static Expression<Func<ClockRecord, bool>> Overdue(DateOnly today) =>
        c => c.Phase == ClockPhase.Running && c.DueLatest < today;

    /// <summary>The clock's status (for certain) on <paramref name="today"/> is <paramref name="status"/>.</summary>
    public static Expression<Func<ClockRecord, bool>> HasStatus(ClockStatus status, DateOnly today) => status switch
    {
        ClockStatus.Overdue => Overdue(today),
        ClockStatus.Approaching => c => c.Phase == ClockPhase.Running && c.WarnLatest <= today && c.DueLatest >= today,
        ClockStatus.WithinLimit => c => c.Phase == ClockPhase.Running && c.WarnLatest > today,
        ClockStatus.ConcludedInTime => c => c.Phase == ClockPhase.Ended && c.FinalStatus == ClockStatus.ConcludedInTime,
        ClockStatus.ConcludedLate => c => c.Phase == ClockPhase.Ended && c.FinalStatus == ClockStatus.ConcludedLate,
        _ => c => c.Phase == ClockPhase.NotApplicable,
    };

    /// <summary>Past its limit: overdue today, or concluded late.</summary>
    public static Expression<Func<ClockRecord, bool>> PastLimit(DateOnly today) =>
        c => (c.Phase == ClockPhase.Running && c.DueLatest < today) || (c.Phase == ClockPhase.Ended && c.FinalStatus == ClockStatus.ConcludedLate);

    /// <summary>Urgency tier as the Overdue page sorts: 0 overdue for certain, 1 possibly overdue, 2 approaching.</summary>
    public static Expression<Func<ClockRecord, int>> UrgencyTier(DateOnly today) =>
        c => c.DueLatest < today ? 0 : c.DueEarliest < today ? 1 : 2;

    /// <summary>Within a tier, the due date that orders it: furthest over (or soonest due) first.</summary>
    public static Expression<Func<ClockRecord, DateOnly?>> UrgencyDate(DateOnly today) =>
        c => c.DueLatest < today ? c.DueLatest : c.DueEarliest < today ? c.DueEarliest : c.DueLatest;

    /// <summary>Applies a question about a clock to the stage that stores it.</summary>
    public static Expression<Func<Stage, TResult>> OfStage<TResult>(Expression<Func<ClockRecord, TResult>> question) => Compose((Stage s) => s.Clock, question);

    /// <summary>Applies a question about a clock to the milestone that stores it (its event-to-event clock).</summary>
    public static Expression<Func<Milestone, TResult>> OfMilestone<TResult>(Expression<Func<ClockRecord, TResult>> question) => Compose((Milestone m) => m.Clock, question);

    /// <summary>Applies a question about a clock to the case that stores it (its whole-case clock).</summary>
    public static Expression<Func<Case, TResult>> OfCase<TResult>(Expression<Func<ClockRecord, TResult>> question) => Compose((Case c) => c.Clock, question);

    private static Expression<Func<TOwner, TResult>> Compose<TOwner, TResult>(Expression<Func<TOwner, ClockRecord>> clock, Expression<Func<ClockRecord, TResult>> question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var body = ReplacingExpressionVisitor.Replace(question.Parameters[0], clock.Body, question.Body);
        return Expression.Lambda<Func<TOwner, TResult>>(body, clock.Parameters);
    }
}
