using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// A date as a chart draws it: the reader's text, the machine form, and the first and last day it can be, so a
/// month- or year-precision date is drawn as the span it covers, never as its first day.
/// </summary>
public sealed record TimelineDate(string Text, string Iso, DatePrecision Precision, DateOnly? Earliest, DateOnly? Latest)
{
    public bool IsKnown => Earliest is not null;

    public bool IsApproximate => IsKnown && Earliest != Latest;

    public static TimelineDate From(PartialDate date) => new(date.ToString(), date.ToIsoString(), date.Precision, date.Earliest, date.Latest);

    /// <summary>A due date known only within a range (the stage started in a month or a year).</summary>
    public static TimelineDate Between(DateOnly earliest, DateOnly latest) => earliest == latest
        ? From(PartialDate.OnDay(latest))
        : new(
            FormattableString.Invariant($"between {earliest:d MMM yyyy} and {latest:d MMM yyyy}"),
            FormattableString.Invariant($"{earliest:yyyy-MM-dd}/{latest:yyyy-MM-dd}"),
            DatePrecision.Day,
            earliest,
            latest);
}

/// <summary>A clock reading as a chart shows it beside a stage.</summary>
public sealed record TimelineClock(
    ClockStatus Status,
    string StatusText,
    string Text,
    string? LimitText,
    string? LegalSource,
    DateOnly? DueDate,
    DateOnly? DueEarliest,
    bool IsApproximate,
    bool IsPaused,
    int PausedDays)
{
    public static TimelineClock From(ClockView clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new(
            clock.Status, clock.StatusText, clock.Text, clock.LimitText, clock.LegalSource, clock.DueDate, clock.DueEarliest,
            clock.IsApproximate, clock.IsPaused, clock.PausedDays);
    }
}

/// <summary>A number of days from the incident: exact, or a range when a date is known only to the month or year.</summary>
public sealed record DayOffset(int Shortest, int Longest, string Text)
{
    public bool IsExact => Shortest == Longest;

    public static DayOffset? From(DayRange? range) => range is { } r ? new DayOffset(r.Shortest, r.Longest, r.ToString()) : null;
}
