using AccountabilityTracker.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AccountabilityTracker.Migrations.PostgreSql;

/// <summary>Used only by dotnet-ef to add migrations for PostgreSQL; no server is contacted to add or script them.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrackerDbContext>()
            .UseNpgsql("Host=design-time;Database=tracker;Username=tracker", npgsql => npgsql.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .Options);
}
