using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence.Saving;
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
/// What a save does besides writing the rows (guards, history, stored clocks in the same transaction, the data version
/// after the commit) is the <see cref="SavePipeline"/>: interceptors listed in order in one place, added by the container
/// or, for a context made without DI, by <see cref="OnConfiguring"/>. Nothing of it lives here.
/// </summary>
public class TrackerDbContext : IdentityDbContext<TrackerUser>, IDataProtectionKeyContext
{
    private long? _dataVersion;

    public TrackerDbContext(DbContextOptions<TrackerDbContext> options)
        : base(options)
    {
        Saving = new SaveState(this);
    }

    /// <summary>What the save under way carries between the steps of the <see cref="SavePipeline"/>.</summary>
    internal SaveState Saving { get; }

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

    /// <summary>Append-only: one row per committed change to what lists show; the data version is the highest id.</summary>
    public DbSet<DataChange> DataChanges => Set<DataChange>();

    /// <summary>Each incident year's case-reference sequence (see <see cref="CaseReferences"/>).</summary>
    public DbSet<CaseReferenceSequence> CaseReferenceSequences => Set<CaseReferenceSequence>();

    public DbSet<CaseFollow> CaseFollows => Set<CaseFollow>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();

    public DbSet<DigestDelivery> DigestDeliveries => Set<DigestDelivery>();

    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();

    /// <summary>Leases for work done once across instances (see <see cref="Common.JobLeases"/>).</summary>
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<LimitScenario> LimitScenarios => Set<LimitScenario>();

    public DbSet<ContextFigure> ContextFigures => Set<ContextFigure>();

    // The save pipeline runs asynchronously; Identity's and data protection's stores save synchronously.
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>The data version as this context first read it (see <see cref="DataVersion"/>); read again after it records a change.</summary>
    public async Task<long> ReadDataVersionAsync(CancellationToken cancellationToken)
    {
        _dataVersion ??= await DataVersion.ReadAsync(this, cancellationToken);
        return _dataVersion.Value;
    }

    internal void ForgetDataVersion() => _dataVersion = null;

    /// <summary>Saves computed clocks (and nothing a person changed): the pipeline neither checks nor computes them again.</summary>
    internal async Task SaveComputedClocksAsync(CancellationToken cancellationToken)
    {
        Saving.SavingComputedClocks = true;
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Saving.SavingComputedClocks = false;
        }
    }

    /// <summary>A context made without DI (design-time tools, the data generator) still runs the steps that need no services.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        if (!SavePipeline.IsIn(optionsBuilder.Options))
        {
            optionsBuilder.AddInterceptors(SavePipeline.StepsWithoutServices);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
    }
}
