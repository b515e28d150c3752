using System.Globalization;

namespace AccountabilityTracker.Domain.Dates;

/// <summary>
/// A day known to lie between <see cref="Earliest"/> and <see cref="Latest"/>, both included: what a
/// <see cref="PartialDate"/> says ("Jan 2021" is 1 to 31 January), and what the first or last of several such dates can
/// be. The first of "Jan 2021" and "15 Jan 2021" lies between 1 and 15 January: <see cref="First"/> and
/// <see cref="Last"/> keep the bounds instead of taking the first day of a month as the date.
/// </summary>
public readonly record struct DateBounds
{
    public DateBounds(DateOnly earliest, DateOnly latest)
    {
        if (latest < earliest)
        {
            throw new ArgumentOutOfRangeException(nameof(latest), "The latest day cannot be before the earliest.");
        }

        Earliest = earliest;
        Latest = latest;
    }

    public DateOnly Earliest { get; }

    public DateOnly Latest { get; }

    public bool IsExact => Earliest == Latest;

    public static DateBounds OnDay(DateOnly day) => new(day, day);

    /// <summary>The bounds of a date given with its precision; null when it is unknown.</summary>
    public static DateBounds? Of(PartialDate date) =>
        date.Earliest is { } first && date.Latest is { } last ? new DateBounds(first, last) : null;

    /// <summary>The first of several days, each known within bounds: between the earliest of the earliest and the earliest of the latest.</summary>
    public static DateBounds First(DateBounds a, DateBounds b) =>
        new(Min(a.Earliest, b.Earliest), Min(a.Latest, b.Latest));

    /// <summary>The last of several days: between the latest of the earliest and the latest of the latest.</summary>
    public static DateBounds Last(DateBounds a, DateBounds b) =>
        new(Max(a.Earliest, b.Earliest), Max(a.Latest, b.Latest));

    /// <summary>The first of several dated things; null when any of them is undated (it could have come first) or there are none.</summary>
    public static DateBounds? FirstOf(IEnumerable<DateBounds?> dates) => Combine(dates, First);

    /// <summary>The last of several dated things; null when any of them is undated (it could have come last) or there are none.</summary>
    public static DateBounds? LastOf(IEnumerable<DateBounds?> dates) => Combine(dates, Last);

    /// <summary>
    /// The day as precisely as the bounds allow: "5 Sep 2022", "January 2021" or "2025" when they are exactly a day, a
    /// month or a year (<see cref="PartialDate.ToString"/>), otherwise "between 1 Jan 2021 and 15 Jan 2021".
    /// </summary>
    public override string ToString()
    {
        if (AsPartialDate() is { } date)
        {
            return date.ToString();
        }

        var culture = CultureInfo.InvariantCulture;
        return string.Format(culture, "between {0} and {1}", Earliest.ToString("d MMM yyyy", culture), Latest.ToString("d MMM yyyy", culture));
    }

    /// <summary>The same as a partial date when the bounds are exactly one day, month or year; else null.</summary>
    public PartialDate? AsPartialDate()
    {
        if (IsExact)
        {
            return PartialDate.OnDay(Earliest);
        }

        if (Earliest.Day == 1 && Latest == Earliest.AddMonths(1).AddDays(-1))
        {
            return PartialDate.InMonth(Earliest.Year, Earliest.Month);
        }

        return Earliest is { Month: 1, Day: 1 } && Latest == new DateOnly(Earliest.Year, 12, 31) ? PartialDate.InYear(Earliest.Year) : null;
    }

    private static DateBounds? Combine(IEnumerable<DateBounds?> dates, Func<DateBounds, DateBounds, DateBounds> pick)
    {
        ArgumentNullException.ThrowIfNull(dates);
        DateBounds? result = null;
        foreach (var date in dates)
        {
            if (date is not { } known)
            {
                return null;
            }

            result = result is { } sofar ? pick(sofar, known) : known;
        }

        return result;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
