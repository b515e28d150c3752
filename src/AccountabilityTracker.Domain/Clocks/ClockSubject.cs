using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Domain.Clocks;

/// <summary>What a clock measures: the anchor date (stage start or incident, chosen by the caller), the end, pauses and extensions.</summary>
public sealed class ClockSubject
{
    public ClockSubject(PartialDate start, PartialDate? end = null, IEnumerable<Pause>? pauses = null, IEnumerable<Extension>? extensions = null)
    {
        Start = start;
        End = end;
        Pauses = pauses?.ToList() ?? [];
        Extensions = extensions?.ToList() ?? [];
    }

    /// <summary>The day the clock counts from; the day itself is day 0.</summary>
    public PartialDate Start { get; }

    /// <summary>The end, or null while running.</summary>
    public PartialDate? End { get; }

    public bool IsRunning => End is null;

    public IReadOnlyList<Pause> Pauses { get; }

    public IReadOnlyList<Extension> Extensions { get; }
}
