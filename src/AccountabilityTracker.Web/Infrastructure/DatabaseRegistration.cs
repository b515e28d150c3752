using AccountabilityTracker.Application.Features.Backups;
using AccountabilityTracker.Application.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountabilityTracker.Web.Infrastructure;

public static class DatabaseRegistration
{
    public const string SqliteMigrationsAssembly = "AccountabilityTracker.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "AccountabilityTracker.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "AccountabilityTracker.Migrations.PostgreSql";

    /// <summary>
    /// Registers the DbContext for the configured provider. Every configuration mistake becomes a
    /// <see cref="StartupConfigurationException"/> naming the setting.
    /// </summary>
    public static IServiceCollection AddTrackerDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var provider = ParseProvider(options.Provider);
        if (options.SqliteMemoryMapMegabytes is < 0 or > SqliteMemoryMap.MaxMegabytes)
        {
            throw new StartupConfigurationException(
                $"Setting Database:SqliteMemoryMapMegabytes is {options.SqliteMemoryMapMegabytes}: give a size in megabytes from 0 (no memory map) to {SqliteMemoryMap.MaxMegabytes}.");
        }

        var connectionString = ResolveConnectionString(configuration, environment, provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            // The administrator's online backups go beside the database file.
            var file = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource, environment.ContentRootPath);
            services.Configure<BackupOptions>(backup => backup.Folder = Path.Combine(Path.GetDirectoryName(file)!, "backups"));
        }

        services.AddDbContext<TrackerDbContext>(builder =>
        {
            switch (provider)
            {
                case DatabaseProvider.SqlServer:
                    builder.UseSqlServer(connectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                    break;
                case DatabaseProvider.PostgreSql:
                    builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                    break;
                default:
                    builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                    if (options.SqliteMemoryMapMegabytes > 0)
                    {
                        builder.AddInterceptors(new SqliteMemoryMap(options.SqliteMemoryMapMegabytes));
                    }

                    break;
            }
        });
        return services;
    }

    public static DatabaseProvider ParseProvider(string? configured) =>
        string.Equals(configured, "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : !int.TryParse(configured, out _) && Enum.TryParse<DatabaseProvider>(configured, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
                ? provider
                : throw new StartupConfigurationException(
                    $"Setting Database:Provider is '{configured}', which is not a supported provider: use 'Sqlite', 'SqlServer' or 'PostgreSql'.");

    /// <summary>The configured connection string, checked for syntax; for SQLite, a file under App:DataFolder by default.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        try
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                if (string.IsNullOrWhiteSpace(configured))
                {
                    throw new StartupConfigurationException(
                        "Setting ConnectionStrings:Tracker is empty, but Database:Provider is SqlServer: give the SQL Server connection string.");
                }

                return new SqlConnectionStringBuilder(configured).ConnectionString;
            }

            if (provider == DatabaseProvider.PostgreSql)
            {
                if (string.IsNullOrWhiteSpace(configured))
                {
                    throw new StartupConfigurationException(
                        "Setting ConnectionStrings:Tracker is empty, but Database:Provider is PostgreSql: give the PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…).");
                }

                return new NpgsqlConnectionStringBuilder(configured).ConnectionString;
            }

            if (string.IsNullOrWhiteSpace(configured))
            {
                var dataFolder = Path.GetFullPath(configuration["App:DataFolder"] ?? "App_Data", environment.ContentRootPath);
                Directory.CreateDirectory(dataFolder);
                return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "tracker.db") }.ConnectionString;
            }

            return new SqliteConnectionStringBuilder(configured).ConnectionString;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StartupConfigurationException(
                $"Setting ConnectionStrings:Tracker is not a valid {provider} connection string: {exception.Message}");
        }
    }
}
