using AccountabilityTracker.Domain.Cases;
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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrackerDbContext).Assembly);
    }
}
