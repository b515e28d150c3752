using AccountabilityTracker.Application.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountabilityTracker.Tests.Shared;

/// <summary>
/// One test's own database: a SQLite file in the temp folder, or, when <see cref="PostgresVariable"/> names a
/// PostgreSQL server, a database of its own on that server. A PostgreSQL database is cloned from a template that this
/// test process migrated once with the real migrations (cloning is quicker than migrating again; never EnsureCreated).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>e.g. <c>Host=127.0.0.1;Port=55432;Username=tracker</c>; unset or empty: SQLite.</summary>
    public const string PostgresVariable = "TRACKER_TEST_POSTGRES";

    public const string SqliteMigrations = "AccountabilityTracker.Migrations.Sqlite";
    public const string PostgreSqlMigrations = "AccountabilityTracker.Migrations.PostgreSql";

    private static readonly Lock TemplateLock = new();
    private static string? _template;
    private bool _disposed;

    private TestDatabase(bool onPostgres, string connectionString, string? sqlitePath)
    {
        OnPostgres = onPostgres;
        ConnectionString = connectionString;
        SqlitePath = sqlitePath;
    }

    /// <summary>The server every PostgreSQL test database lives on, or null to run on SQLite.</summary>
    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    public bool OnPostgres { get; }

    /// <summary>The value of the app's Database:Provider setting for this database.</summary>
    public string ProviderSetting => OnPostgres ? "PostgreSql" : "Sqlite";

    public string ConnectionString { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>
    /// A database for one test or test class. On SQLite, an empty file path the caller migrates; on PostgreSQL, a fresh
    /// database already at the latest migration (migrating again is a no-op).
    /// </summary>
    public static TestDatabase Create(string folder) => Create(folder, migrated: true);

    /// <summary>A database that exists but was never migrated.</summary>
    public static TestDatabase CreateUnmigrated(string folder) => Create(folder, migrated: false);

    public void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (OnPostgres)
        {
            builder.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrations));
        }
        else
        {
            builder.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (OnPostgres)
        {
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
            using (var probe = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(probe);
            }

            Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        else if (SqlitePath is not null)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                if (File.Exists(SqlitePath + suffix))
                {
                    File.Delete(SqlitePath + suffix);
                }
            }
        }
    }

    private static TestDatabase Create(string folder, bool migrated)
    {
        if (PostgresServer is null)
        {
            var path = Path.Combine(folder, $"tracker-{Guid.NewGuid():N}.db");
            if (!migrated)
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
                connection.Open();
            }

            return new TestDatabase(false, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString, path);
        }

        var name = $"tracker_test_{Guid.NewGuid():N}";
        var template = migrated ? MigratedTemplate() : "template1";
        lock (TemplateLock)
        {
            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }

        return new TestDatabase(true, ServerConnectionString(name), null);
    }

    private static string MigratedTemplate()
    {
        lock (TemplateLock)
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = $"tracker_template_{Guid.NewGuid():N}";
            Execute($"CREATE DATABASE \"{name}\"");
            var connectionString = ServerConnectionString(name, pooling: false);
            using (var db = new TrackerDbContext(new DbContextOptionsBuilder<TrackerDbContext>()
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrations)).Options))
            {
                db.Database.Migrate();
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            _template = name;
            return name;
        }
    }

    private static string ServerConnectionString(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>Runs a statement on the server's maintenance database (CREATE and DROP DATABASE cannot run in a transaction).</summary>
    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString("postgres", pooling: false));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
