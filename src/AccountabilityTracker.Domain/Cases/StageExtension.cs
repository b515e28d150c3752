using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// A new limit granted for one stage (with its reason), replacing the rule's limit from the day it was granted.
/// Created only through <see cref="Stage.Extend"/>.
/// </summary>
public sealed class StageExtension
{
    private StageExtension()
    {
        Reason = string.Empty;
        Stage = null!;
    }

    internal StageExtension(Stage owner, DateOnly grantedOn, int newAmount, LimitUnit? newUnit, string reason, DateTime nowUtc)
    {
        Stage = owner;
        GrantedOn = grantedOn;
        NewAmount = newAmount;
        NewUnit = newUnit;
        Reason = reason.Trim();
        RecordedAtUtc = nowUtc;
    }

    public int Id { get; private set; }

    public int StageId { get; private set; }

    public Stage Stage { get; private set; }

    public DateOnly GrantedOn { get; private set; }

    public int NewAmount { get; private set; }

    /// <summary>The unit of the new amount; null keeps the rule's unit.</summary>
    public LimitUnit? NewUnit { get; private set; }

    public string Reason { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public Extension ToExtension() => new(GrantedOn, NewAmount, NewUnit, Reason);
}
