using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountabilityTracker.Application.Persistence.Saving;

/// <summary>
/// Step 2: a stage, milestone, officer, officer event or source saved through its case also checks the case's version,
/// so a part is never added to (or changed on) a case archived, restored or edited since it was read: that save loses
/// the race (a <see cref="DbUpdateConcurrencyException"/>), and the shared ConcurrencyBehaviour runs it again on what
/// is stored now. Clocks computed by step 4 change no part a person edited, so their save checks nothing.
/// </summary>
public sealed class OwnerVersionCheck : SaveStep
{
    public static OwnerVersionCheck Instance { get; } = new();

    private OwnerVersionCheck()
    {
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Tracker(eventData) is { Saving.SavingComputedClocks: false } db)
        {
            var caseIds = db.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified)
                .Select(e => e.Entity switch
                {
                    Stage stage => stage.CaseId,
                    Milestone milestone => milestone.CaseId,
                    Officer officer => officer.CaseId,
                    OfficerEvent officerEvent => officerEvent.CaseId,
                    Source source => source.CaseId,
                    _ => 0,
                })
                .Where(id => id > 0)
                .ToHashSet();

            // Marking an unchanged column modified sends UPDATE … WHERE Version = the version read: the check, and no edit.
            foreach (var owner in db.ChangeTracker.Entries<Case>().Where(e => e.State == EntityState.Unchanged && caseIds.Contains(e.Entity.Id)))
            {
                owner.Property(c => c.UpdatedAtUtc).IsModified = true;
            }
        }

        return ValueTask.FromResult(result);
    }
}
