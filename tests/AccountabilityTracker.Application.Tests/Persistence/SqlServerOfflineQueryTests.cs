using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Reflection;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Features.Reports;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using MediatR;
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
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var failures = new List<string>();
        foreach (var sql in recorder.Commands.Distinct(StringComparer.Ordinal))
        {
            using var reader = new StringReader(sql);
            parser.Parse(reader, out var errors);
            failures.AddRange(errors.Select(e => $"line {e.Line}: {e.Message}\n{sql}"));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
        Assert.Contains(recorder.Commands, sql => sql.Contains("LIKE", StringComparison.Ordinal) && sql.Contains("ESCAPE N'\\'", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, sql => sql.StartsWith("UPDATE", StringComparison.Ordinal) || sql.Contains("\nUPDATE", StringComparison.Ordinal));
        Assert.True(requests.Count >= 25, $"only {requests.Count} requests were found");
    }

    [Fact]
    public void The_interceptor_sees_broken_TSql_as_broken()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader("SELECT [c].[Id] FROM [Cases] AS [c] WHERE [c].[Title] LIKE");
        parser.Parse(reader, out var errors);

        Assert.NotEmpty(errors);
    }

    /// <summary>Every read use case: the request types named Query, with ids of 1 and the first limit key.</summary>
    private static IEnumerable<object> QueryRequests() =>
        typeof(ListCases).Assembly.GetTypes()
            .Where(t => t is { Name: "Query", IsAbstract: false, IsNested: true } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(Create);

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
}
