namespace AccountabilityTracker.Domain;

/// <summary>A change that would break one of the domain's own rules (validation should have caught it first).</summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message)
        : base(message)
    {
    }

    public DomainRuleException()
    {
    }

    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
