using System.Linq.Expressions;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// "N days or months after a start", the one definition for flat limits (limit scenarios and their overall cap): a stage
/// that started on S and ended on E overran an N-day limit when E is after S + N days, and an N-month limit when E is
/// after S.AddMonths(N) (31 January + 1 month is 28 or 29 February, as .NET and the clocks count it). For the database,
/// the same test is a comparison with the whole months before the end (<see cref="MonthsBeforeEndOf"/>): stored for
/// stages, applied in SQL for a case's incident and close.
/// </summary>
public static class StageSpan
{
    /// <summary>The last day within an N-day or N-month limit counted from <paramref name="start"/>.</summary>
    public static DateOnly DueBy(DateOnly start, int amount, bool months) => months ? start.AddMonths(amount) : start.AddDays(amount);

    /// <summary>Whether a stage from <paramref name="start"/> to <paramref name="end"/> overran a limit of so many days or months.</summary>
    public static bool Overran(DateOnly start, DateOnly end, int amount, bool months) => end > DueBy(start, amount, months);

    /// <summary>
    /// The most whole months N for which start.AddMonths(N) falls before end, so <see cref="Overran"/> for N months holds
    /// exactly when this is at least N: the calendar months between them, less one unless the end's day of the month is
    /// after the start's. (In the end's month, S.AddMonths(N) is day min(S.Day, days in that month), which is before E.Day
    /// exactly when S.Day is.) Written as an expression so the database can run it; <see cref="MonthsBeforeEnd"/> is its
    /// compiled twin, which the entity stores.
    /// </summary>
    public static Expression<Func<DateOnly, DateOnly, int>> MonthsBeforeEndOf { get; } =
        (start, end) => (end.Year * 12) + end.Month - (start.Year * 12) - start.Month - (end.Day > start.Day ? 0 : 1);

    // Declared after the expression it compiles: static initialisers run in the order they are written.
    private static readonly Func<DateOnly, DateOnly, int> MonthsBeforeEndCompiled = MonthsBeforeEndOf.Compile();

    public static int MonthsBeforeEnd(DateOnly start, DateOnly end) => MonthsBeforeEndCompiled(start, end);
}
