using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountabilityTracker.Application.Persistence.Saving;

/// <summary>
/// Step 1: the security audit, the limit-rule changes and the case history are append-only. An edit or delete of an
/// entry is a bug, never a feature, so the save is refused before anything is written.
/// </summary>
public sealed class AppendOnlyRecords : SaveStep
{
    public static AppendOnlyRecords Instance { get; } = new();

    private AppendOnlyRecords()
    {
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var tracker = eventData.Context!.ChangeTracker;
        tracker.DetectChanges();
        if (tracker.Entries().Any(e => e.Entity is SecurityAuditEntry or LimitRuleChange && e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }

        if (tracker.Entries<CaseHistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Case history entries are append-only.");
        }

        return ValueTask.FromResult(result);
    }
}
