namespace AccountabilityTracker.Application.Security;

/// <summary>
/// One security event, append-only (the DbContext refuses updates and deletes). Never holds a password or token.
/// </summary>
public sealed class SecurityAuditEntry
{
    private SecurityAuditEntry()
    {
        Subject = string.Empty;
        Actor = string.Empty;
    }

    public SecurityAuditEntry(DateTime occurredAtUtc, SecurityEventType eventType, string subject, string actor, string? ipAddress, string? details)
    {
        OccurredAtUtc = occurredAtUtc;
        EventType = eventType;
        Subject = subject;
        Actor = actor;
        IpAddress = ipAddress;
        Details = details;
    }

    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public SecurityEventType EventType { get; private set; }

    /// <summary>The account the event is about (its email).</summary>
    public string Subject { get; private set; }

    /// <summary>Who caused it: the user themselves, an administrator, or "system".</summary>
    public string Actor { get; private set; }

    public string? IpAddress { get; private set; }

    public string? Details { get; private set; }
}
