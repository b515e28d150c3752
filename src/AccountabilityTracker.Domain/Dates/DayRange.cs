using System.Globalization;

namespace AccountabilityTracker.Domain.Dates;

/// <summary>
/// A number of days known exactly (<see cref="Shortest"/> == <see cref="Longest"/>) or only within a range,
/// because one end was given as a month or a year.
/// </summary>
public readonly record struct DayRange
{
    public DayRange(int shortest, int longest)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shortest);
        ArgumentOutOfRangeException.ThrowIfLessThan(longest, shortest);
        Shortest = shortest;
        Longest = longest;
    }

    public int Shortest { get; }

    public int Longest { get; }

    public bool IsExact => Shortest == Longest;

    /// <summary>The middle of the range, used where one figure is needed and flagged as approximate.</summary>
    public int Midpoint => Shortest + ((Longest - Shortest) / 2);

    /// <summary>"380 days", or "about 1,250 days (1,235–1,265)" when approximate: never a false exact count.</summary>
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        if (IsExact)
        {
            return string.Format(culture, "{0:N0} {1}", Shortest, Shortest == 1 ? "day" : "days");
        }

        return string.Format(culture, "about {0:N0} days ({1:N0}–{2:N0})", Midpoint, Shortest, Longest);
    }
}
