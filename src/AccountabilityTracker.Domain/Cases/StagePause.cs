using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// A period a stage's clock stood still, e.g. misconduct proceedings delayed while criminal proceedings run (Police
/// (Conduct) Regulations 2020 reg 10(3)). Created and ended only through <see cref="Stage.Pause"/> and <see cref="Stage.Resume"/>.
/// </summary>
public sealed class StagePause
{
    private StagePause()
    {
        Reason = string.Empty;
        Stage = null!;
    }

    internal StagePause(Stage owner, DateOnly from, DateOnly? to, string reason, DateTime nowUtc)
    {
        Stage = owner;
        From = from;
        To = to;
        Reason = reason.Trim();
        RecordedAtUtc = nowUtc;
    }

    public int Id { get; private set; }

    public int StageId { get; private set; }

    public Stage Stage { get; private set; }

    /// <summary>The first day the clock does not count.</summary>
    public DateOnly From { get; private set; }

    /// <summary>The day the clock counts again; null while still paused.</summary>
    public DateOnly? To { get; private set; }

    public string Reason { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public bool IsOpen => To is null;

    public Pause ToPause() => new(From, To, Reason);

    internal bool Overlaps(DateOnly from, DateOnly? to) =>
        (to is not { } otherEnd || From < otherEnd) && (To is not { } end || from < end);

    internal void End(DateOnly on) => To = on;
}
