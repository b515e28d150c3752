namespace AccountabilityTracker.Web.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Tracker";

    /// <summary>Sqlite (default, embedded), SqlServer or PostgreSql ("Postgres" also accepted): the server databases for several instances.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply pending migrations at start-up. Turn off in production and run the documented migration command instead.</summary>
    public bool ApplyMigrationsAtStartup { get; set; } = true;

    /// <summary>Load the two sourced reference cases on start-up (idempotent).</summary>
    public bool LoadReferenceCases { get; set; } = true;

    /// <summary>
    /// SQLite only: how much of the database file each connection reads through a memory map (PRAGMA mmap_size), 0 for
    /// none. Reads that visit many rows (the navigation counts, reports, scenarios) then take pages straight from the
    /// operating system's cache instead of copying each one through a read call.
    /// </summary>
    public int SqliteMemoryMapMegabytes { get; set; } = 1024;
}
