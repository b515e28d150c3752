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

    /// <summary>
    /// The exact middle of the range (334–364 days: 349; 590–954 days: 772; 334–365: 349.5): the one figure an approximate
    /// duration counts as in medians and quartiles, flagged as approximate wherever it is shown.
    /// </summary>
    public double Middle => (Shortest + Longest) / 2.0;

    /// <summary>The middle rounded half away from zero, for a phrase in words ("about 350 days").</summary>
    public int Midpoint => (int)Math.Round(Middle, MidpointRounding.AwayFromZero);

    /// <summary>The days between two days known within bounds: shortest from the latest start to the earliest end, never negative.</summary>
    public static DayRange Between(DateBounds from, DateBounds to) =>
        new(Math.Max(0, to.Earliest.DayNumber - from.Latest.DayNumber), Math.Max(0, to.Latest.DayNumber - from.Earliest.DayNumber));

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
