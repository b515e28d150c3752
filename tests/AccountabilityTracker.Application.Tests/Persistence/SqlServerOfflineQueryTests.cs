using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Diagnostics.CodeAnalysis;
using AccountabilityTracker.Application.Features.Analysis;
using AccountabilityTracker.Application.Features.Backups;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.Users;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Tests.Features.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using MediatR;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace AccountabilityTracker.Application.Tests.Persistence;

/// <summary>
/// No SQL Server runs here, so the handlers run against the SQL Server provider with the connection switched off: an
/// interceptor answers every command with no rows and keeps its text. Every read use case (each request type named
/// Query), the search filters and the bulk updates send their SQL Server SQL, and all of it must parse as T-SQL.
/// </summary>
public sealed class SqlServerOfflineQueryTests
{
    [Fact]
    public async Task Every_query_handler_sends_SQL_Server_SQL_that_parses_as_TSql()
    {
        var recorder = new OfflineSqlServer();
        await using var services = TestApplication.BuildServices(
            options => options
                .UseSqlServer("Server=offline;Database=Tracker;Trusted_Connection=True", sql => sql.MigrationsAssembly("AccountabilityTracker.Migrations.SqlServer"))
                .AddInterceptors(recorder),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)),
            new TestCurrentUser { CanSeeRestricted = true, IsAdministrator = true });

        var requests = QueryRequests().Concat(
        [
            new ListCases.Query { Text = "50%_ off", Outcome = "No further action", YearFrom = 2015, YearTo = 2025, Sort = CaseSort.Title, StageKind = StageKind.Inquest },
            new GetDurationReport.Query { Text = "Kaba", Outcome = "charged", GroupBy = ReportGrouping.Force },
            new CompareCases.Query { Ids = [1, 2] },
            new ResumeImportJobs.Command(),
        ]).ToList();
        var silent = new List<string>();
        foreach (var request in requests)
        {
            var before = recorder.Commands.Count;
            await using (var scope = services.CreateAsyncScope())
            {
                try
                {
                    var response = await scope.ServiceProvider.GetRequiredService<IMediator>().Send((dynamic)request);
                    if (response is ExportStageDurations.Result export)
                    {
                        // The export streams its rows: its query runs when they are read.
                        await foreach (var row in export.Rows)
                        {
                            Assert.NotNull(row);
                        }
                    }
                }
                catch (Exception exception) when (exception is InvalidOperationException or KeyNotFoundException or NullReferenceException or AccountabilityTracker.Application.Common.RequestValidationException)
                {
                    // No rows came back where the handler expects some (or it refuses an unknown id); the SQL it sent first is what this test checks.
                }
            }

            if (recorder.Commands.Count == before && request is not CompareCases.Query { Ids.Count: 0 })
            {
                silent.Add(request.GetType().FullName!);
            }
        }

        Assert.True(silent.Count == 0, "These requests sent no SQL: " + string.Join(", ", silent));
        AssertAllParse(recorder);
        Assert.Contains(recorder.Commands, sql => sql.Contains("LIKE", StringComparison.Ordinal) && sql.Contains("ESCAPE N'\\'", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, sql => sql.StartsWith("UPDATE", StringComparison.Ordinal) || sql.Contains("\nUPDATE", StringComparison.Ordinal));
        Assert.True(requests.Count >= 25, $"only {requests.Count} requests were found");
    }

    /// <summary>
    /// The write use cases' own queries (loading what they change, checking references) and their saves: every request
    /// type named Command goes straight to its handler (validation would refuse most of these made-up commands before a
    /// query), with ids of 1; each sends its lookups before finding nothing, and a create sends its INSERT batch.
    /// </summary>
    [Fact]
    public async Task Every_command_handler_sends_SQL_Server_SQL_that_parses_as_TSql()
    {
        var recorder = new OfflineSqlServer();
        await using var connection = new OfflineConnection();
        await using var services = TestApplication.BuildServices(
            options => options
                .UseSqlServer(connection, sql => sql.MigrationsAssembly("AccountabilityTracker.Migrations.SqlServer"))
                .AddInterceptors(recorder),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)),
            new TestCurrentUser { CanSeeRestricted = true, IsAdministrator = true },
            extra: services => services.AddSingleton(new EmailOptions { Host = "offline", From = "tracker@example.org" }));

        var silent = new List<string>();
        var commands = RequestTypes("Command").Where(t => !SendNoSqlOnServerDatabases.Contains(t)).ToList();
        foreach (var type in commands)
        {
            var before = recorder.Commands.Count;
            var response = type.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
            await using (var scope = services.CreateAsyncScope())
            {
                var handler = scope.ServiceProvider.GetRequiredService(typeof(IRequestHandler<,>).MakeGenericType(type, response));
                try
                {
                    var command = ValidCommands.TryGetValue(type, out var valid) ? valid() : Create(type);
                    await (dynamic)handler.GetType().GetMethod("Handle")!.Invoke(handler, [command, CancellationToken.None])!;
                }
                catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
                {
                    // Nothing is stored offline, so the handler finds nothing or refuses its made-up input; the SQL it sent first is what is checked.
                }
            }

            if (recorder.Commands.Count == before)
            {
                silent.Add(type.FullName!);
            }
        }

        AssertAllParse(recorder);
        Assert.Contains(recorder.Commands, sql => sql.Contains("INSERT INTO [Cases]", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, sql => sql.Contains("INSERT INTO [ImportJobs]", StringComparison.Ordinal));

        // A new incident year's sequence row is written outside EF's own statements: checked like the rest. (No save
        // succeeds offline, so the data-change row never follows; SavePipelineTests parses that statement.)
        Assert.Contains(recorder.Commands, sql => sql.Contains("INSERT INTO [CaseReferenceSequences]", StringComparison.Ordinal));
        Assert.True(commands.Count >= 40, $"only {commands.Count} commands were found");
        Assert.True(silent.Count == 0, "These commands sent no SQL, so nothing of theirs was checked: " + string.Join(", ", silent));
    }

    [Fact]
    public void The_interceptor_sees_broken_TSql_as_broken()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader("SELECT [c].[Id] FROM [Cases] AS [c] WHERE [c].[Title] LIKE");
        parser.Parse(reader, out var errors);

        Assert.NotEmpty(errors);
    }

    /// <summary>Commands whose handlers refuse a made-up command before any query: given a valid one instead.</summary>
    private static readonly Dictionary<Type, Func<object>> ValidCommands = new()
    {
        [typeof(CreateCase.Command)] = () => CaseLoggingTests.NewCase(),
        [typeof(StartImport.Command)] = () => new StartImport.Command("cases.json", 2, new MemoryStream("[]"u8.ToArray())),
        [typeof(UpdateLimitRule.Command)] = () => new UpdateLimitRule.Command { Key = nameof(StageKind.Inquest), IsEnabled = true, Amount = 6, Unit = LimitUnit.Months, WarningPercent = 80 },
        [typeof(SaveScenario.Command)] = () => new SaveScenario.Command { Name = "CPS at three months", Limits = [new SaveScenario.LimitInput { Kind = StageKind.CpsDecision, Amount = 3, Unit = LimitUnit.Months }] },
        [typeof(ImportContextFigures.Command)] = () => new ImportContextFigures.Command(
            "figures.csv",
            "area,year_ending,period_note,measure,value,qualifier,source_url,publisher,published,wording,note\r\nKent Police,2020-03-31,,firearms_operations,500,Exact,https://example.org/kent,Kent Police,2020-07,Kent carried out 500 firearms operations,\r\n"u8.ToArray()),
        [typeof(CreateUser.Command)] = () => new CreateUser.Command("new.user@example.org", "New User", "A long enough passphrase 42", ["Researcher"]),
    };

    /// <summary>Commands that do nothing on a server database: a backup is the server's own business there.</summary>
    private static readonly HashSet<Type> SendNoSqlOnServerDatabases = [typeof(CreateBackup.Command)];

    private static void AssertAllParse(OfflineSqlServer recorder)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var failures = new List<string>();
        foreach (var sql in recorder.Commands.Distinct(StringComparer.Ordinal))
        {
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            failures.AddRange(errors.Select(e => $"line {e.Line}: {e.Message}\n{sql}"));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
    }

    /// <summary>Every read use case: the request types named Query, with ids of 1 and the first limit key.</summary>
    private static IEnumerable<object> QueryRequests() => RequestTypes("Query").Select(Create);

    private static IEnumerable<Type> RequestTypes(string name) =>
        typeof(ListCases).Assembly.GetTypes()
            .Where(t => t.Name == name && t is { IsAbstract: false, IsNested: true } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static object Create(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is { } parameterless)
        {
            return parameterless.Invoke([]);
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(Argument).ToArray());
    }

    private static object? Argument(ParameterInfo parameter) =>
        parameter.HasDefaultValue ? parameter.DefaultValue
        : parameter.ParameterType == typeof(int) ? 1
        : parameter.ParameterType == typeof(string) ? nameof(StageKind.Inquest)
        : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType)
        : null;

    /// <summary>Never opens the connection; answers every command with no rows (or 0) and records its text.</summary>
    private sealed class OfflineSqlServer : IDbConnectionInterceptor, IDbCommandInterceptor
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            InterceptionResult<DbDataReader>.SuppressWithResult(Record(command));

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(Record(command)));

        public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Record(command);
            return InterceptionResult<object>.SuppressWithResult(0);
        }

        public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(0));
        }

        public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return InterceptionResult<int>.SuppressWithResult(0);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        private DataTableReader Record(DbCommand command)
        {
            Commands.Enqueue(command.CommandText);
            using var empty = new DataTable();
            return empty.CreateDataReader();
        }
    }

    /// <summary>
    /// A connection to no server, for the write use cases: a transaction begins and ends here without a server (a
    /// SqlConnection cannot begin one unopened). Commands carry real SqlParameters, as the SQL Server provider expects.
    /// </summary>
    private sealed class OfflineConnection : DbConnection
    {
        private ConnectionState _state = ConnectionState.Closed;

        [AllowNull]
        public override string ConnectionString { get; set; } = "Server=offline;Database=Tracker;Trusted_Connection=True";

        public override string Database => "Tracker";

        public override string DataSource => "offline";

        public override string ServerVersion => "16.00.1000";

        public override ConnectionState State => _state;

        public override void ChangeDatabase(string databaseName)
        {
        }

        public override void Open() => _state = ConnectionState.Open;

        public override void Close() => _state = ConnectionState.Closed;

        protected override DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel) => new OfflineTransaction(this, isolationLevel);

        protected override DbCommand CreateDbCommand() => new OfflineCommand { Connection = this };
    }

    private sealed class OfflineTransaction(DbConnection connection, System.Data.IsolationLevel isolationLevel) : DbTransaction
    {
        public override System.Data.IsolationLevel IsolationLevel => isolationLevel;

        protected override DbConnection DbConnection => connection;

        public override void Commit()
        {
        }

        public override void Rollback()
        {
        }
    }

    /// <summary>Not executed: the interceptor answers before a command runs (savepoints aside).</summary>
    private sealed class OfflineCommand : DbCommand
    {
        private readonly SqlCommand _parameters = new();

        [AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; }

        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        /// <summary>Savepoints around a save inside a transaction are sent straight to the connection, past the interceptor.</summary>
        public override int ExecuteNonQuery() => 0;

        public override object ExecuteScalar() => throw new InvalidOperationException("Offline: the interceptor answers every command.");

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqlParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new InvalidOperationException("Offline: the interceptor answers every command.");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _parameters.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
