using System.Linq.Expressions;
using System.Reflection;

namespace AccountabilityTracker.Application.Common;

/// <summary>
/// Lets one definition written as an expression be used inside another expression (a query's filter or projection),
/// so a fact is written once and both the database and memory apply it: <c>fact.Apply(x)</c> marks where the fact's
/// body goes, and <see cref="Inline{T, TResult}"/> puts it there before EF sees the query.
/// </summary>
public static class FactExpressions
{
    private static readonly MethodInfo[] ApplyMethods = [.. typeof(FactExpressions).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == nameof(Apply))];

    /// <summary>Marks a use of <paramref name="fact"/> inside an expression to <see cref="Inline{T, TResult}"/>; outside one it simply runs it.</summary>
    public static TResult Apply<T, TResult>(this Expression<Func<T, TResult>> fact, T argument)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Compile()(argument);
    }

    /// <summary>Marks a use of a two-argument <paramref name="fact"/>; see <see cref="Apply{T, TResult}(Expression{Func{T, TResult}}, T)"/>.</summary>
    public static TResult Apply<T1, T2, TResult>(this Expression<Func<T1, T2, TResult>> fact, T1 first, T2 second)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Compile()(first, second);
    }

    /// <summary>
    /// A fact of a record on a day, with the day fixed: the day becomes a captured value, which EF sends as a query
    /// parameter (so one cached query plan serves every day).
    /// </summary>
    public static Expression<Func<T, TResult>> Bind<T, TResult>(Expression<Func<T, DateOnly, TResult>> fact, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var inlined = (LambdaExpression)new Inliner().Visit(fact);
        var body = new ReplaceExpression(inlined.Parameters[1], new CapturedDay(day).Expression).Visit(inlined.Body)!;
        return Expression.Lambda<Func<T, TResult>>(body, inlined.Parameters[0]);
    }

    /// <summary>The expression with every <c>Apply</c> replaced by the applied fact's body.</summary>
    public static Expression<Func<T, TResult>> Inline<T, TResult>(Expression<Func<T, TResult>> expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return (Expression<Func<T, TResult>>)new Inliner().Visit(expression);
    }

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!node.Method.IsGenericMethod || !ApplyMethods.Contains(node.Method.GetGenericMethodDefinition()))
            {
                return base.VisitMethodCall(node);
            }

            var fact = (LambdaExpression)Evaluate(node.Arguments[0]);
            var body = fact.Body;
            for (var i = 0; i < fact.Parameters.Count; i++)
            {
                body = new ReplaceExpression(fact.Parameters[i], Visit(node.Arguments[i + 1])!).Visit(body)!;
            }

            return Visit(body)!;
        }

        /// <summary>The fact itself: a static property or field, or a closure's captured value.</summary>
        private static object Evaluate(Expression expression) =>
            Expression.Lambda<Func<object>>(Expression.Convert(expression, typeof(object))).Compile()();
    }
}

/// <summary>Holds a day the way a compiler-made closure would, so EF parameterises it instead of writing it into the SQL.</summary>
internal sealed class CapturedDay(DateOnly day)
{
    public DateOnly Day { get; } = day;

    public Expression Expression => System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Constant(this), nameof(Day));
}

/// <summary>Replaces one expression node with another wherever it occurs.</summary>
public sealed class ReplaceExpression(Expression from, Expression to) : ExpressionVisitor
{
    public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
}
