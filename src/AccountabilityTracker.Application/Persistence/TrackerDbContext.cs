using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Persistence;

/// <summary>The one unit of work of the app. Handlers use it directly; there is no repository layer on top.</summary>
public class TrackerDbContext(DbContextOptions<TrackerDbContext> options) : DbContext(options)
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<Stage> Stages => Set<Stage>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<Officer> Officers => Set<Officer>();

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<StagePause> StagePauses => Set<StagePause>();

    public DbSet<StageExtension> StageExtensions => Set<StageExtension>();

    public DbSet<LimitRuleSetting> LimitRules => Set<LimitRuleSetting>();

    /// <summary>Append-only: one row per field of a limit rule changed.</summary>
    public DbSet<LimitRuleChange> LimitRuleChanges => Set<LimitRuleChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
    }
}
