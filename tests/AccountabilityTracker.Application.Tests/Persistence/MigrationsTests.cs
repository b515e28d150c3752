using AccountabilityTracker.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AccountabilityTracker.Application.Tests.Persistence;

public class MigrationsTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new AccountabilityTracker.Migrations.Sqlite.DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run dotnet ef migrations add for Migrations.Sqlite.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServer_migrations_match_the_model()
    {
        using var db = new AccountabilityTracker.Migrations.SqlServer.DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run dotnet ef migrations add for Migrations.SqlServer.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgreSql_migrations_match_the_model()
    {
        using var db = new AccountabilityTracker.Migrations.PostgreSql.DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run dotnet ef migrations add for Migrations.PostgreSql.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    /// <summary>Nothing is released yet, so each provider keeps one initial migration (operations.md, "Migrations").</summary>
    [Fact]
    public void Each_provider_has_one_initial_migration_until_the_first_release()
    {
        using var sqlite = new AccountabilityTracker.Migrations.Sqlite.DesignTimeDbContextFactory().CreateDbContext([]);
        using var sqlServer = new AccountabilityTracker.Migrations.SqlServer.DesignTimeDbContextFactory().CreateDbContext([]);
        using var postgres = new AccountabilityTracker.Migrations.PostgreSql.DesignTimeDbContextFactory().CreateDbContext([]);

        foreach (var db in new TrackerDbContext[] { sqlite, sqlServer, postgres })
        {
            var migration = Assert.Single(db.Database.GetMigrations());
            Assert.EndsWith("_InitialCreate", migration, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void SqlServer_migration_script_generated_offline_parses_as_valid_TSql(MigrationsSqlGenerationOptions options)
    {
        using var db = new AccountabilityTracker.Migrations.SqlServer.DesignTimeDbContextFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);

        Assert.Contains("CREATE TABLE [Cases]", script, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void The_parser_check_would_catch_broken_TSql()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader("CREATE TABLE [Broken] ( [Id] int NOT NULL,, );");
        parser.Parse(reader, out var errors);

        Assert.NotEmpty(errors);
    }
}
