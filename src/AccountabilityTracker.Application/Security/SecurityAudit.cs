using AccountabilityTracker.Application.Persistence;

namespace AccountabilityTracker.Application.Security;

public static class SecurityAudit
{
    /// <summary>Adds an audit entry to the unit of work; the caller saves it with its own change.</summary>
    public static void Record(this TrackerDbContext db, TimeProvider time, SecurityEventType eventType, string subject, string actor, string? ipAddress = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        db.SecurityAudit.Add(new SecurityAuditEntry(time.GetUtcNow().UtcDateTime, eventType, subject, actor, ipAddress, details));
    }
}
