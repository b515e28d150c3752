using AccountabilityTracker.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AccountabilityTracker.Web.Tests.Resilience;

/// <summary>Which failures are an unreachable database (503) and which are bugs or bad requests (not 503).</summary>
public sealed class DatabaseOutageClassificationTests
{
    public static TheoryData<string, Exception, bool> Failures() => new()
    {
        { "SQLite busy (locked by another connection)", new SqliteException("database is locked", 5), true },
        { "SQLite table locked", new SqliteException("database table is locked", 6), true },
        { "SQLite constraint", new SqliteException("UNIQUE constraint failed", 19), false },
        { "PostgreSQL shutting down", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { "PostgreSQL starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), true },
        { "PostgreSQL connection failure", new PostgresException("connection failure", "FATAL", "FATAL", "08006"), true },
        { "PostgreSQL too many connections", new PostgresException("too many clients", "FATAL", "FATAL", "53300"), true },
        { "PostgreSQL unique violation", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"), false },
        { "Npgsql connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)), true },
        { "EF's transient-failure wrapper", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("Failed to connect")), true },
        { "Npgsql after the server broke a transaction's connection", new InvalidOperationException("Transaction is already completed; it is no longer usable") { Source = "Npgsql" }, true },
        { "the same words from elsewhere", new InvalidOperationException("Transaction is already completed; it is no longer usable"), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
        { "a bug wrapping a bug", new InvalidOperationException("outer", new ArgumentException("inner")), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Only_an_unreachable_or_locked_database_is_an_outage(string failure, Exception exception, bool outage) =>
        Assert.True(DatabaseOutage.IsOutage(exception) == outage, $"{failure}: expected outage={outage}");
}
