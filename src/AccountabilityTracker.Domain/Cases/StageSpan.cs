namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// How long an ended stage ran, in the terms a flat limit counts: a stage that started on S and ended on E overran an
/// N-day limit when E is after S + N days, and an N-month limit when E is after S.AddMonths(N) (31 January + 1 month is
/// 28 or 29 February, as .NET and the clocks count it).
/// </summary>
public static class StageSpan
{
    /// <summary>
    /// The most whole months N for which <paramref name="start"/>.AddMonths(N) falls before <paramref name="end"/>: the
    /// calendar months between them, less one unless the end's day of the month is after the start's. (In the end's
    /// month, S.AddMonths(N) is day min(S.Day, days in that month), which is before E.Day exactly when S.Day is.) The
    /// database migration that filled the stored column for existing stages uses the same formula in SQL.
    /// </summary>
    public static int MonthsBeforeEnd(DateOnly start, DateOnly end) =>
        (end.Year * 12) + end.Month - (start.Year * 12) - start.Month - (end.Day > start.Day ? 0 : 1);

    /// <summary>Whether a stage from <paramref name="start"/> to <paramref name="end"/> overran a limit of so many days or months.</summary>
    public static bool Overran(DateOnly start, DateOnly end, int amount, bool months) =>
        months ? end > start.AddMonths(amount) : end > start.AddDays(amount);
}
