using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Persistence;

/// <summary>
/// The one unit of work of the app: cases, Identity's users and roles, data-protection keys (shared by every
/// instance so sign-ins survive a restart or a load balancer), limit rules, and the audit trails. Handlers use it directly.
/// Every save that changes a clock's inputs also stores the clocks it changed, in the same transaction (see
/// <see cref="ClockRecorder"/>); a context made without a recorder (design-time tools, the data generator) does not.
/// </summary>
public class TrackerDbContext : IdentityDbContext<TrackerUser>, IDataProtectionKeyContext
{
    private readonly ClockRecorder? _clocks;
    private bool _savingClocks;
    private long? _dataVersion;

    public TrackerDbContext(DbContextOptions<TrackerDbContext> options)
        : base(options)
    {
    }

    public TrackerDbContext(DbContextOptions<TrackerDbContext> options, ClockRecorder clocks)
        : base(options)
    {
        _clocks = clocks;
    }

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<Stage> Stages => Set<Stage>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<Officer> Officers => Set<Officer>();

    public DbSet<OfficerEvent> OfficerEvents => Set<OfficerEvent>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<SecurityAuditEntry> SecurityAudit => Set<SecurityAuditEntry>();

    /// <summary>Append-only: one row per field of a case or its parts changed.</summary>
    public DbSet<CaseHistoryEntry> CaseHistory => Set<CaseHistoryEntry>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportJobContent> ImportJobContents => Set<ImportJobContent>();

    public DbSet<StagePause> StagePauses => Set<StagePause>();

    public DbSet<StageExtension> StageExtensions => Set<StageExtension>();

    public DbSet<LimitRuleSetting> LimitRules => Set<LimitRuleSetting>();

    /// <summary>Append-only: one row per field of a limit rule changed.</summary>
    public DbSet<LimitRuleChange> LimitRuleChanges => Set<LimitRuleChange>();

    public DbSet<ClockBasis> ClockBases => Set<ClockBasis>();

    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    public DbSet<CaseFollow> CaseFollows => Set<CaseFollow>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();

    public DbSet<DigestDelivery> DigestDeliveries => Set<DigestDelivery>();

    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();

    /// <summary>Leases for work done once across instances (see <see cref="Common.JobLeases"/>).</summary>
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<LimitScenario> LimitScenarios => Set<LimitScenario>();

    public DbSet<ContextFigure> ContextFigures => Set<ContextFigure>();

    // Every caller saves asynchronously; the synchronous path exists for EF and Identity and records clocks the same way.
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        CheckOwnersOfChangedParts();
        if (_savingClocks || !ChangesWhatListsShow())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var inputs = _clocks is null ? null : ClockRecorder.Collect(ChangeTracker);

        // The changed rows, the clocks computed from them and the new data version are saved together or not at all.
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (inputs is { IsEmpty: false })
        {
            await _clocks!.RecordAsync(this, inputs, SaveClocksAsync, cancellationToken);
        }

        await BumpDataVersionAsync(cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// A stage, milestone, officer or source saved through its case also checks the case's version, so a part is never
    /// added to (or changed on) a case archived, restored or edited since it was read: that save loses the race, and the
    /// shared ConcurrencyBehaviour runs it again on what is stored now.
    /// </summary>
    private void CheckOwnersOfChangedParts()
    {
        var caseIds = ChangeTracker.Entries()
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
        foreach (var owner in ChangeTracker.Entries<Case>().Where(e => e.State == EntityState.Unchanged && caseIds.Contains(e.Entity.Id)))
        {
            owner.Property(c => c.UpdatedAtUtc).IsModified = true;
        }
    }

    /// <summary>The data version as this context first read it (see <see cref="DataVersion"/>); read again after it saves.</summary>
    public async Task<long> ReadDataVersionAsync(CancellationToken cancellationToken)
    {
        _dataVersion ??= await DataVersions.AsNoTracking().Where(v => v.Id == DataVersion.SingletonId).Select(v => v.Value).FirstOrDefaultAsync(cancellationToken);
        return _dataVersion.Value;
    }

    /// <summary>Tells every instance's read cache that what lists, counts and reports show has changed.</summary>
    internal async Task BumpDataVersionAsync(CancellationToken cancellationToken)
    {
        await DataVersions.Where(v => v.Id == DataVersion.SingletonId).ExecuteUpdateAsync(v => v.SetProperty(d => d.Value, d => d.Value + 1), cancellationToken);
        _dataVersion = null;
    }

    private bool ChangesWhatListsShow() =>
        ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Case or Stage or StagePause or StageExtension or Milestone or Officer or OfficerEvent or LimitRuleSetting or ClockBasis);

    /// <summary>Saves computed clocks (and nothing a user changed) without computing them again.</summary>
    internal async Task SaveClocksAsync(CancellationToken cancellationToken)
    {
        _savingClocks = true;
        try
        {
            await base.SaveChangesAsync(true, cancellationToken);
        }
        finally
        {
            _savingClocks = false;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
    }

    /// <summary>The audit and the case history are append-only: an edit or delete of an entry is a bug, never a feature.</summary>
    private void RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries().Any(e => e.Entity is SecurityAuditEntry or LimitRuleChange && e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }

        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries<CaseHistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Case history entries are append-only.");
        }
    }
}
