namespace AccountabilityTracker.Domain.Clocks;

/// <summary>
/// A time the clock stood still, e.g. misconduct proceedings delayed while criminal proceedings run (Police (Conduct)
/// Regulations 2020 reg 10(3)) or an inquest suspended at a prosecutor's request (Coroners and Justice Act 2009 Sch 1).
/// <see cref="From"/> is the first day not counted; <see cref="To"/> is the day the clock runs again, so a pause
/// covers <c>To − From</c> days, like any other duration. A null <see cref="To"/> means still paused: the pause then
/// runs through today (or through the end day of an ended stage). Only days after the stage's start count: the start
/// day is day 0 and never counted anyway.
/// </summary>
public sealed record Pause
{
    public Pause(DateOnly from, DateOnly? to, string reason)
    {
        if (to is { } resumed && resumed < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "A pause cannot end before it starts.");
        }

        From = from;
        To = to;
        Reason = reason?.Trim() ?? string.Empty;
    }

    /// <summary>The first day the clock does not count.</summary>
    public DateOnly From { get; }

    /// <summary>The day the clock counts again; null while still paused.</summary>
    public DateOnly? To { get; }

    public string Reason { get; }

    public bool IsOpen => To is null;

    /// <summary>True when <paramref name="day"/> is one of the pause's days.</summary>
    public bool Covers(DateOnly day) => day >= From && (To is not { } resumed || day < resumed);
}
