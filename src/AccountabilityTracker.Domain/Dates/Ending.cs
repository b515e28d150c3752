namespace AccountabilityTracker.Domain.Dates;

/// <summary>
/// When something ended, the one way the tracker says it for stages and officer periods alike: still running, ended on
/// a day, in a month or in a year, or ended on a date nobody published. An undated end counts as ended (a case whose
/// last proceeding ended undated has its final outcome) and is left out of every timing; a month or year is the whole
/// period, never its first day.
/// </summary>
public readonly record struct Ending
{
    private Ending(bool hasEnded, PartialDate date)
    {
        HasEnded = hasEnded;
        Date = date;
    }

    /// <summary>Not ended yet.</summary>
    public static Ending Running { get; } = new(false, PartialDate.Unknown);

    /// <summary>Ended on a date nobody published.</summary>
    public static Ending Undated { get; } = new(true, PartialDate.Unknown);

    public bool HasEnded { get; }

    public bool IsRunning => !HasEnded;

    /// <summary>The end date as the record gives it (<see cref="PartialDate.Unknown"/> while running or when undated).</summary>
    public PartialDate Date { get; }

    /// <summary>Ended, but on an unknown date.</summary>
    public bool IsUndated => HasEnded && !Date.IsKnown;

    public static Ending On(PartialDate date) => new(true, date);

    /// <summary>The ending a nullable end says: null is running, <see cref="PartialDate.Unknown"/> ended undated.</summary>
    public static Ending Of(PartialDate? end) => end is { } date ? On(date) : Running;

    /// <summary>The end as stored: whether it ended, and the date's first day and precision.</summary>
    public static Ending FromStored(bool hasEnded, DateOnly? on, DatePrecision precision) =>
        hasEnded ? On(PartialDate.FromStored(on, precision)) : Running;

    /// <summary>The day it ended within bounds, today while running; null when it ended on an unknown date.</summary>
    public DateBounds? Bounds(DateOnly today) => HasEnded ? DateBounds.Of(Date) : DateBounds.OnDay(today);

    /// <summary>How long something that started on <paramref name="start"/> lasted (to today while running); null when a date is unknown.</summary>
    public DayRange? DaysFrom(PartialDate start, DateOnly today) =>
        DateBounds.Of(start) is { } from && Bounds(today) is { } to ? DayRange.Between(from, to) : null;

    /// <summary>"running", "ended, date unknown", or the end as precisely as it is known ("January 2021").</summary>
    public override string ToString() => IsRunning ? "running" : IsUndated ? "ended, date unknown" : Date.ToString();
}
