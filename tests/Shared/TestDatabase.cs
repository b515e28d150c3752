using AccountabilityTracker.Application.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountabilityTracker.Tests.Shared;

/// <summary>The database a test run uses, chosen by environment variable (see <see cref="TestDatabase"/>).</summary>
public enum TestProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>
/// One test's own database: a SQLite file in the temp folder; or, when <see cref="PostgresVariable"/> names a
/// PostgreSQL server, a database of its own on that server; or, when <see cref="SqlServerVariable"/> names a SQL Server,
/// a database of its own there. A PostgreSQL database is cloned from a template that this test process migrated once
/// with the real migrations (cloning is quicker than migrating again); a SQL Server one, which has no templates, is
/// migrated on creation. Never EnsureCreated.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>e.g. <c>Host=127.0.0.1;Port=55432;Username=tracker</c>; unset or empty: not PostgreSQL.</summary>
    public const string PostgresVariable = "TRACKER_TEST_POSTGRES";

    /// <summary>
    /// e.g. <c>Server=127.0.0.1,1433;User Id=sa;Password=...;TrustServerCertificate=true</c>, a login allowed to create
    /// databases; unset or empty: not SQL Server.
    /// </summary>
    public const string SqlServerVariable = "TRACKER_TEST_SQLSERVER";

    public const string SqliteMigrations = "AccountabilityTracker.Migrations.Sqlite";
    public const string PostgreSqlMigrations = "AccountabilityTracker.Migrations.PostgreSql";
    public const string SqlServerMigrations = "AccountabilityTracker.Migrations.SqlServer";

    private static readonly Lock TemplateLock = new();
    private static string? _template;
    private bool _disposed;

    private TestDatabase(TestProvider provider, string connectionString, string? sqlitePath)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqlitePath = sqlitePath;
    }

    /// <summary>The server every PostgreSQL test database lives on, or null when the tests run on another provider.</summary>
    public static string? PostgresServer => CurrentProvider == TestProvider.PostgreSql ? Variable(PostgresVariable) : null;

    /// <summary>The server every SQL Server test database lives on, or null when the tests run on another provider.</summary>
    public static string? SqlServerServer => CurrentProvider == TestProvider.SqlServer ? Variable(SqlServerVariable) : null;

    /// <summary>The provider this test run uses: at most one of the two server variables may be set.</summary>
    public static TestProvider CurrentProvider { get; } = (Variable(PostgresVariable), Variable(SqlServerVariable)) switch
    {
        (null, null) => TestProvider.Sqlite,
        (not null, null) => TestProvider.PostgreSql,
        (null, not null) => TestProvider.SqlServer,
        _ => throw new InvalidOperationException($"Both {PostgresVariable} and {SqlServerVariable} are set: a test run uses one provider, so set one of them (./test.sh runs each in turn)."),
    };

    public TestProvider Provider { get; }

    public bool OnPostgres => Provider == TestProvider.PostgreSql;

    public bool OnSqlServer => Provider == TestProvider.SqlServer;

    /// <summary>True on a server database (PostgreSQL or SQL Server), where backups are the server's business.</summary>
    public bool OnServer => Provider != TestProvider.Sqlite;

    /// <summary>The value of the app's Database:Provider setting for this database.</summary>
    public string ProviderSetting => Provider.ToString();

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
        switch (Provider)
        {
            case TestProvider.PostgreSql:
                builder.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrations));
                break;
            case TestProvider.SqlServer:
                builder.UseSqlServer(ConnectionString, sql => sql.MigrationsAssembly(SqlServerMigrations));
                break;
            default:
                builder.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations));
                break;
        }
    }

    /// <summary>SQL Server only: takes this database offline, as an outage would (open connections are rolled back).</summary>
    public void TakeSqlServerDatabaseOffline() =>
        ExecuteOnSqlServer($"ALTER DATABASE [{SqlServerDatabaseName}] SET OFFLINE WITH ROLLBACK IMMEDIATE");

    /// <summary>SQL Server only: brings this database back after <see cref="TakeSqlServerDatabaseOffline"/>.</summary>
    public void BringSqlServerDatabaseOnline() =>
        ExecuteOnSqlServer($"ALTER DATABASE [{SqlServerDatabaseName}] SET ONLINE");

    private string SqlServerDatabaseName => new SqlConnectionStringBuilder(ConnectionString).InitialCatalog;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (OnSqlServer)
        {
            using (var probe = new SqlConnection(ConnectionString))
            {
                SqlConnection.ClearPool(probe);
            }

            ExecuteOnSqlServer($"IF DB_ID(N'{SqlServerDatabaseName}') IS NOT NULL BEGIN ALTER DATABASE [{SqlServerDatabaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{SqlServerDatabaseName}]; END");
        }
        else if (OnPostgres)
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
        if (CurrentProvider == TestProvider.SqlServer)
        {
            return CreateOnSqlServer(migrated);
        }

        if (CurrentProvider == TestProvider.Sqlite)
        {
            var path = Path.Combine(folder, $"tracker-{Guid.NewGuid():N}.db");
            if (!migrated)
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
                connection.Open();
            }

            return new TestDatabase(TestProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString, path);
        }

        var name = $"tracker_test_{Guid.NewGuid():N}";
        var template = migrated ? MigratedTemplate() : "template1";
        lock (TemplateLock)
        {
            Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }

        return new TestDatabase(TestProvider.PostgreSql, ServerConnectionString(name), null);
    }

    private static TestDatabase CreateOnSqlServer(bool migrated)
    {
        var name = $"tracker_test_{Guid.NewGuid():N}";
        ExecuteOnSqlServer($"CREATE DATABASE [{name}]");
        var database = new TestDatabase(TestProvider.SqlServer, new SqlConnectionStringBuilder(SqlServerServer) { InitialCatalog = name }.ConnectionString, null);
        if (migrated)
        {
            var options = new DbContextOptionsBuilder<TrackerDbContext>();
            database.Configure(options);
            using var db = new TrackerDbContext(options.Options);
            db.Database.Migrate();
        }

        return database;
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>Runs a statement on the SQL Server's master database (CREATE, ALTER and DROP DATABASE).</summary>
    private static void ExecuteOnSqlServer(string sql)
    {
        using var connection = new SqlConnection(new SqlConnectionStringBuilder(SqlServerServer) { InitialCatalog = "master", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new SqlCommand(sql, connection);
        command.ExecuteNonQuery();
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
