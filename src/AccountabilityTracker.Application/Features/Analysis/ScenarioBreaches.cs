using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Clocks;
using System.Linq.Expressions;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>
/// Which stages and cases would have breached a scenario's limits, as SQL predicates over the stored durations and dates
/// (and, for the rules in force, the stored clocks), so the database works each one out as it reads the row and no clock
/// is evaluated.
/// A stage is assessed when its start is an exact day and it is running or ended on an exact day. An ended stage
/// breaches an N-day limit when its stored <see cref="Stage.DurationDays"/> is over N, an N-month limit when its stored
/// <see cref="Stage.MonthsBeforeEnd"/> is at least N (its end is after start + N months, as .NET's AddMonths counts:
/// 31 Jan + 1 month = 28/29 Feb); a running stage breaches when it started on or before the last start whose due day is
/// before today.
/// </summary>
internal static class ScenarioBreaches
{
    public static readonly Expression<Func<Stage, bool>> Assessed = s =>
        s.DurationDays != null || (!s.HasEnded && s.StartOn != null && s.StartPrecision == DatePrecision.Day);

    /// <summary>Past the rule in force (overdue today or concluded late), from the stored clock.</summary>
    public static Expression<Func<Stage, bool>> RuleBreach(DateOnly today) => StoredClocks.OfStage(StoredClocks.PastLimit(today));

    /// <summary>The whole case past the rule in force, from its stored clock.</summary>
    public static Expression<Func<Case, bool>> CaseRuleBreach(DateOnly today) => StoredClocks.OfCase(StoredClocks.PastLimit(today));

    /// <summary>Stages of any limited kind that would have breached their kind's limit (each such stage is assessed).</summary>
    public static Expression<Func<Stage, bool>> Breach(IReadOnlyList<ScenarioLimitTerms> limits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Expression<Func<Stage, bool>> any = s => false;
        foreach (var limit in limits)
        {
            any = Or(any, ForLimit(limit, today));
        }

        return any;
    }

    /// <summary>Cases from an exact-day incident to their close (or today while not closed) longer than the cap.</summary>
    public static Expression<Func<Case, bool>> CapBreach(int? capMonths, DateOnly today)
    {
        if (capMonths is not { } n)
        {
            return c => false;
        }

        var latestStart = LatestBreachingStart(today, new ScenarioLimitTerms(StageKind.Other, n, LimitUnit.Months));
        return FactExpressions.Inline((Case c) => c.IncidentOn != null && c.IncidentPrecision == DatePrecision.Day
            && ((c.Status != CaseStatus.Closed && c.IncidentOn <= latestStart)
                || (c.Status == CaseStatus.Closed && c.ClosedOn != null && StageSpan.MonthsBeforeEndOf.Apply(c.IncidentOn.Value, c.ClosedOn.Value) >= n)));
    }

    /// <summary>The last start day from which a stage still running today is past the limit (its due day is before today).</summary>
    public static DateOnly LatestBreachingStart(DateOnly today, ScenarioLimitTerms limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var day = limit.Unit == LimitUnit.Months ? today.AddMonths(-limit.Amount).AddDays(3) : today.AddDays(-limit.Amount + 1);
        while (LimitScenario.DueBy(day, limit) >= today)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    private static Expression<Func<Stage, bool>> ForLimit(ScenarioLimitTerms limit, DateOnly today)
    {
        var kind = limit.Kind;
        var n = limit.Amount;
        var latestStart = LatestBreachingStart(today, limit);
        Expression<Func<Stage, bool>> running = s => !s.HasEnded && s.StartPrecision == DatePrecision.Day && s.StartOn <= latestStart;
        Expression<Func<Stage, bool>> ended = limit.Unit == LimitUnit.Months ? s => s.MonthsBeforeEnd >= n : s => s.DurationDays > n;
        Expression<Func<Stage, bool>> ofKind = s => s.Kind == kind;
        return And(ofKind, Or(running, ended));
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, Rebind(right, left.Parameters[0])), left.Parameters);

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(left.Body, Rebind(right, left.Parameters[0])), left.Parameters);

    /// <summary>The body of <paramref name="lambda"/> with its parameter replaced by <paramref name="parameter"/>.</summary>
    public static Expression Rebind(LambdaExpression lambda, ParameterExpression parameter) =>
        new Replace(lambda.Parameters[0], parameter).Visit(lambda.Body);

    /// <summary>
    /// <paramref name="template"/> with every <see cref="Flag"/>(i) or <see cref="Number"/>(i) call replaced by expression i
    /// applied to the template's parameter: a projection can then carry yes/no and number columns that SQL computes.
    /// </summary>
    public static Expression<Func<T, TResult>> Inline<T, TResult>(Expression<Func<T, TResult>> template, params LambdaExpression[] flags) =>
        (Expression<Func<T, TResult>>)new FlagInliner(template.Parameters[0], flags).Visit(template);

    /// <summary>A placeholder for <see cref="Inline{T,TResult}"/>; never runs.</summary>
    public static bool Flag(int index) => throw new InvalidOperationException("Flag(" + index + ") only marks a place in a query.");

    /// <summary>A placeholder for <see cref="Inline{T,TResult}"/> standing for a number-valued expression; never runs.</summary>
    public static int Number(int index) => throw new InvalidOperationException("Number(" + index + ") only marks a place in a query.");

    /// <summary>The position of a stage's kind among the scenario's limits, as SQL (0 for the first limit's kind and any other).</summary>
    public static Expression<Func<Stage, int>> KindPosition(IReadOnlyList<ScenarioLimitTerms> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Expression<Func<Stage, int>> position = s => 0;
        for (var i = 1; i < limits.Count; i++)
        {
            var kind = limits[i].Kind;
            Expression<Func<Stage, bool>> isKind = s => s.Kind == kind;
            position = Expression.Lambda<Func<Stage, int>>(
                Expression.Condition(Rebind(isKind, position.Parameters[0]), Expression.Constant(i), position.Body), position.Parameters);
        }

        return position;
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private sealed class FlagInliner(ParameterExpression parameter, LambdaExpression[] flags) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(ScenarioBreaches) && node.Method.Name is nameof(Flag) or nameof(Number))
            {
                var index = (int)((ConstantExpression)node.Arguments[0]).Value!;
                return Rebind(flags[index], parameter);
            }

            return base.VisitMethodCall(node);
        }
    }
}
