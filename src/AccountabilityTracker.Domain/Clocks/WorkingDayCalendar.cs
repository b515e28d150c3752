namespace AccountabilityTracker.Domain.Clocks;

/// <summary>Working days of one jurisdiction: Monday to Friday except its bank holidays.</summary>
public sealed class WorkingDayCalendar
{
    public WorkingDayCalendar(BankHolidays bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(bankHolidays);
        BankHolidays = bankHolidays;
    }

    public static WorkingDayCalendar EnglandAndWales { get; } = new(BankHolidays.EnglandAndWales);

    public static WorkingDayCalendar Scotland { get; } = new(BankHolidays.Scotland);

    public static WorkingDayCalendar NorthernIreland { get; } = new(BankHolidays.NorthernIreland);

    public BankHolidays BankHolidays { get; }

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays.IsBankHoliday(date);

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/> (the start itself never counts);
    /// zero gives the start back unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        var left = workingDays;
        while (left > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="fromExclusive"/> up to and including <paramref name="toInclusive"/>.</summary>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toInclusive, fromExclusive);
        var count = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
