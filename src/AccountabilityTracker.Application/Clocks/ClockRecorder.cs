using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// Keeps every stored clock (<see cref="Stage.Clock"/>, <see cref="Case.Clock"/>, <see cref="Milestone.Clock"/>) equal to what the
/// <see cref="ClockEvaluator"/> says for its inputs. Step 4 of the save pipeline (<see cref="Persistence.Saving.ClocksInSameTransaction"/>)
/// calls it in the same transaction as every save that changes a stage, a pause, an extension or a case; rule changes,
/// bank-holiday changes and records that went stale (an open pause moves the due date every day) are computed again in
/// bulk. Every save of computed clocks records a data change (step 5), so the read caches move on without a call here.
/// </summary>
public sealed class ClockRecorder(ClockEvaluator evaluator, ClockOptions options)
{
    /// <summary>Rows read and written per round trip when many clocks are computed again.</summary>
    private const int BatchSize = 500;

    /// <summary>
    /// Names what stored clocks depend on besides the stored rows: the evaluator's conventions (bump the version when
    /// they change) and the bank-holiday changes in configuration. A different basis at start-up recomputes every clock.
    /// </summary>
    public string Basis { get; } = "clocks-v3;holidays:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        "+" + string.Join(',', options.BankHolidays.AddedDates.Order()) + "-" + string.Join(',', options.BankHolidays.RemovedDates.Order()))))[..16];

    /// <summary>What a pending save changes the inputs of, found before it is saved (new rows have no id yet).</summary>
    internal static PendingInputs Collect(ChangeTracker tracker)
    {
        var inputs = new PendingInputs();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Stage stage:
                    inputs.Stages.Add(stage);
                    break;
                case StagePause pause:
                    inputs.Stages.Add(pause.Stage);
                    break;
                case StageExtension extension:
                    inputs.Stages.Add(extension.Stage);
                    break;
                case Milestone milestone:
                    inputs.CasesWithMilestones.Add(milestone.Case);
                    break;
                case Case owner when entry.State == EntityState.Added || IncidentChanged(entry) || JurisdictionOrClosingChanged(entry):
                    inputs.CasesWithAllStages.Add(owner);
                    inputs.CasesWithMilestones.Add(owner);
                    break;
            }
        }

        return inputs;
    }

    /// <summary>Computes the clocks named by <paramref name="inputs"/> from the saved rows, and saves them.</summary>
    internal async Task RecordAsync(TrackerDbContext db, PendingInputs inputs, Func<CancellationToken, Task> save, CancellationToken cancellationToken)
    {
        var stageIds = inputs.Stages.Where(s => s is not null).Select(s => s.Id).ToHashSet();
        var caseIds = inputs.Stages.Where(s => s is not null).Select(s => s.CaseId).ToHashSet();
        var wholeCases = inputs.CasesWithAllStages.Select(c => c.Id).ToList();
        caseIds.UnionWith(wholeCases);
        foreach (var chunk in wholeCases.Chunk(BatchSize))
        {
            stageIds.UnionWith(await db.Stages.Where(s => chunk.Contains(s.CaseId)).Select(s => s.Id).ToListAsync(cancellationToken));
        }

        var rules = await LimitRuleBook.LoadAsync(db, cancellationToken);
        var today = evaluator.Today();
        foreach (var chunk in stageIds.Chunk(BatchSize))
        {
            await RecordStagesAsync(db, rules, today, db.Stages.Where(s => chunk.Contains(s.Id)), cancellationToken);
        }

        foreach (var chunk in caseIds.Chunk(BatchSize))
        {
            await RecordCasesAsync(rules, today, db.Cases.Where(c => chunk.Contains(c.Id)), cancellationToken);
        }

        // A milestone's clock depends on the case's other milestones (the one that stops it), so a case's are computed together.
        foreach (var chunk in inputs.CasesWithMilestones.Where(c => c is not null).Select(c => c.Id).Distinct().Chunk(BatchSize))
        {
            await RecordMilestonesAsync(db, rules, today, chunk, cancellationToken);
        }

        await save(cancellationToken);
    }

    /// <summary>
    /// Computes again, and saves, the clocks of every stage of <paramref name="kind"/> (or of every case when
    /// <paramref name="wholeCase"/>), or every clock when both are unset: after a rule change or a new bank-holiday basis.
    /// Entities this context already tracked stay tracked; the rest are let go batch by batch so memory stays flat.
    /// </summary>
    public async Task<int> RecordAllAsync(TrackerDbContext db, StageKind? kind, bool wholeCase, CancellationToken cancellationToken) =>
        await RecordAllAsync(db, kind, wholeCase, milestonesOnly: false, cancellationToken);

    /// <summary>As above; <paramref name="milestonesOnly"/> computes again only the event-to-event clocks (after an event rule changed).</summary>
    public async Task<int> RecordAllAsync(TrackerDbContext db, StageKind? kind, bool wholeCase, bool milestonesOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rules = await LimitRuleBook.LoadAsync(db, cancellationToken);
        var today = evaluator.Today();
        var count = 0;
        if (milestonesOnly || (kind is null && !wholeCase))
        {
            var lastCase = 0;
            while (true)
            {
                var from = lastCase;
                var ids = await db.Milestones.Where(m => m.CaseId > from).Select(m => m.CaseId).Distinct().OrderBy(id => id).Take(BatchSize).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                await InBatchAsync(db, () => RecordMilestonesAsync(db, rules, today, ids, cancellationToken), cancellationToken);
                lastCase = ids[^1];
                count += ids.Count;
            }

            if (milestonesOnly)
            {
                return count;
            }
        }

        if (!wholeCase)
        {
            var lastId = 0;
            while (true)
            {
                var from = lastId;
                var batch = db.Stages.Where(s => s.Id > from);
                if (kind is { } only)
                {
                    batch = batch.Where(s => s.Kind == only);
                }

                var ids = await batch.OrderBy(s => s.Id).Select(s => s.Id).Take(BatchSize).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                await InBatchAsync(db, () => RecordStagesAsync(db, rules, today, db.Stages.Where(s => ids.Contains(s.Id)), cancellationToken), cancellationToken);
                lastId = ids[^1];
                count += ids.Count;
            }
        }

        if (wholeCase || kind is null)
        {
            var lastId = 0;
            while (true)
            {
                var from = lastId;
                var ids = await db.Cases.Where(c => c.Id > from).OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                await InBatchAsync(db, () => RecordCasesAsync(rules, today, db.Cases.Where(c => ids.Contains(c.Id)), cancellationToken), cancellationToken);
                lastId = ids[^1];
                count += ids.Count;
            }
        }

        return count;
    }

    /// <summary>
    /// Locks the clock-basis row until the caller's transaction ends, so computing clocks in bulk (at start-up, after a
    /// rule change) happens once at a time: the second waits for the first and computes on what it committed. Only these
    /// rare writes take this row; an edit never does.
    /// </summary>
    public static async Task LockBasisAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The clock basis is locked inside the transaction that computes the clocks.");
        }

        await db.ClockBases.Where(b => b.Id == ClockBasis.SingletonId).ExecuteUpdateAsync(b => b.SetProperty(x => x.Value, x => x.Value), cancellationToken);
    }

    /// <summary>Computes again the records that no longer hold today (a pause began or ended, an extension came into force).</summary>
    public async Task<int> RefreshStaleAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = evaluator.Today();
        var stageIds = await db.Stages.Where(s => s.Clock.ValidUntil <= today).Select(s => s.Id).ToListAsync(cancellationToken);
        var milestoneCases = await db.Milestones.Where(m => m.Clock.ValidUntil <= today).Select(m => m.CaseId).Distinct().ToListAsync(cancellationToken);
        if (stageIds.Count == 0 && milestoneCases.Count == 0)
        {
            return 0;
        }

        var rules = await LimitRuleBook.LoadAsync(db, cancellationToken);
        foreach (var chunk in milestoneCases.Chunk(BatchSize))
        {
            await InBatchAsync(db, () => RecordMilestonesAsync(db, rules, today, chunk, cancellationToken), cancellationToken);
        }

        foreach (var chunk in stageIds.Chunk(BatchSize))
        {
            await InBatchAsync(db, () => RecordStagesAsync(db, rules, today, db.Stages.Where(s => chunk.Contains(s.Id)), cancellationToken), cancellationToken);
        }

        return stageIds.Count + milestoneCases.Count;
    }

    private static bool IncidentChanged(EntityEntry entry) =>
        entry.Property(nameof(Case.IncidentOn)).IsModified || entry.Property(nameof(Case.IncidentPrecision)).IsModified;

    private static bool JurisdictionOrClosingChanged(EntityEntry entry) =>
        entry.Property(nameof(Case.Jurisdiction)).IsModified || entry.Property(nameof(Case.ClosedOn)).IsModified;

    private static async Task InBatchAsync(TrackerDbContext db, Func<Task> record, CancellationToken cancellationToken)
    {
        var trackedBefore = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        await record();
        await db.SaveComputedClocksAsync(cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => !trackedBefore.Contains(e.Entity)).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private async Task RecordStagesAsync(TrackerDbContext db, LimitRuleBook.RuleSet rules, DateOnly today, IQueryable<Stage> stages, CancellationToken cancellationToken)
    {
        var loaded = await stages.Include(s => s.Case).Include(s => s.Pauses).Include(s => s.Extensions).AsSplitQuery().ToListAsync(cancellationToken);
        foreach (var stage in loaded)
        {
            var rule = rules.For(stage.Kind, stage.Case.Jurisdiction);
            stage.RecordClock(evaluator.Record(rule, ClockSubjects.ForStage(rule, stage, stage.Case.IncidentDate), today));
        }
    }

    private async Task RecordMilestonesAsync(TrackerDbContext db, LimitRuleBook.RuleSet rules, DateOnly today, IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken)
    {
        var loaded = await db.Milestones.Include(m => m.Case).Where(m => caseIds.Contains(m.CaseId)).ToListAsync(cancellationToken);
        foreach (var byCase in loaded.GroupBy(m => m.CaseId))
        {
            var milestones = byCase.ToList();
            foreach (var milestone in milestones)
            {
                var rule = rules.ForMilestone(milestone.Type, milestone.Case.Jurisdiction);
                milestone.RecordClock(evaluator.Record(rule, ClockSubjects.ForMilestone(rule, milestone, milestones), today));
            }
        }
    }

    private async Task RecordCasesAsync(LimitRuleBook.RuleSet rules, DateOnly today, IQueryable<Case> cases, CancellationToken cancellationToken)
    {
        var loaded = await cases.ToListAsync(cancellationToken);
        foreach (var owner in loaded)
        {
            owner.RecordClock(evaluator.Record(rules.WholeCaseFor(owner.Jurisdiction), ClockSubjects.ForCase(owner.IncidentDate, owner.ClosedOn), today));
        }
    }

    /// <summary>The stages and cases whose clocks a save changes the inputs of.</summary>
    internal sealed class PendingInputs
    {
        public HashSet<Stage> Stages { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>Cases that are new or whose incident date changed: every stage of theirs may count from it.</summary>
        public HashSet<Case> CasesWithAllStages { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>Cases whose milestones (so whose event-to-event clocks) changed.</summary>
        public HashSet<Case> CasesWithMilestones { get; } = new(ReferenceEqualityComparer.Instance);

        public bool IsEmpty => Stages.Count == 0 && CasesWithAllStages.Count == 0 && CasesWithMilestones.Count == 0;
    }
}
