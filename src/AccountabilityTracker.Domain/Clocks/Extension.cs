namespace AccountabilityTracker.Domain.Clocks;

/// <summary>
/// A new limit granted for one stage. It replaces the rule's amount (and unit, when given), still counted from the
/// same start; of several, the latest granted wins. One granted after the evaluation's today is not yet in force.
/// </summary>
public sealed record Extension
{
    public Extension(DateOnly grantedOn, int newAmount, LimitUnit? newUnit, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newAmount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newAmount, LimitRule.MaximumAmount);
        if (newUnit is { } unit && !Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(newUnit), newUnit, "Unknown limit unit.");
        }

        GrantedOn = grantedOn;
        NewAmount = newAmount;
        NewUnit = newUnit;
        Reason = reason?.Trim() ?? string.Empty;
    }

    public DateOnly GrantedOn { get; }

    public int NewAmount { get; }

    /// <summary>The unit of the new amount; null keeps the rule's unit.</summary>
    public LimitUnit? NewUnit { get; }

    public string Reason { get; }
}
