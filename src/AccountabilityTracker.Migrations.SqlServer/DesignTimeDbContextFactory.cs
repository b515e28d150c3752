using AccountabilityTracker.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AccountabilityTracker.Migrations.SqlServer;

/// <summary>Used only by dotnet-ef to add migrations for SQL Server; no server is contacted to add or script them.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrackerDbContext>()
            .UseSqlServer("Server=(design-time);Database=AccountabilityTracker;Trusted_Connection=True", sql => sql.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .Options);
}
