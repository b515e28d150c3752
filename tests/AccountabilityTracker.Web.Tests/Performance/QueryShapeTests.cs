using System.Data.Common;
using System.Globalization;
using System.Net;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.DataGenerator;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Performance;

/// <summary>
/// The number of SQL commands behind the case list, a case page, the navigation's overdue count and a limit scenario
/// (read cold, after a change) does not grow with the number of cases or stages: an N+1 query or a read of every clock cannot come back unnoticed. Timings live
/// in the benchmark (perf/benchmark.sh); this guards the query shape.
/// </summary>
public sealed class QueryShapeTests : IClassFixture<QueryShapeTests.CountingFactory>
{
    private readonly CountingFactory _factory;

    public QueryShapeTests(CountingFactory factory) => _factory = factory;

    [Fact]
    public async Task Commands_per_page_do_not_grow_with_the_number_of_cases()
    {
        var client = await _factory.CreateClientForAsync(Roles.Administrator);
        var kabaId = await _factory.WithServicesAsync(services => services.GetRequiredService<TrackerDbContext>().Cases.Where(c => c.Title.Contains("Kaba")).Select(c => c.Id).SingleAsync());

        var small = await MeasureAsync(client, kabaId);
        await AddSyntheticCasesAsync(400);
        var large = await MeasureAsync(client, kabaId);

        Assert.Equal(small, large);
        Assert.All(large.Values, commands => Assert.InRange(commands, 1, 12));
    }

    [Fact]
    public async Task A_limit_scenario_after_a_change_reads_each_table_once_however_many_cases()
    {
        var client = await _factory.CreateClientForAsync(Roles.Analyst);
        var scenarioId = await _factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrackerDbContext>();
            var scenario = LimitScenario.Create(
                "Query shape", null, [new(StageKind.IopcInvestigation, 12, LimitUnit.Months), new(StageKind.CpsDecision, 3, LimitUnit.Months)], 60, "test", _factory.Time.GetUtcNow().UtcDateTime);
            db.LimitScenarios.Add(scenario);
            await db.SaveChangesAsync();
            return scenario.Id;
        });
        var pages = new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"/analysis/scenarios/{scenarioId}"),
            string.Create(CultureInfo.InvariantCulture, $"/analysis/scenarios/{scenarioId}?page=2"),
            string.Create(CultureInfo.InvariantCulture, $"/api/v1/analysis/scenarios/{scenarioId}"),
        };

        var small = await MeasureColdAsync(client, pages);
        await AddSyntheticCasesAsync(400, "SCENARIO", seed: 6);
        var large = await MeasureColdAsync(client, pages);

        Assert.Equal(small, large);
        Assert.All(large.Values, commands => Assert.InRange(commands, 1, 14));
    }

    /// <summary>Commands per request right after a change to the data, when nothing can come from the read cache.</summary>
    private async Task<Dictionary<string, int>> MeasureColdAsync(HttpClient client, string[] pages)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
            await _factory.WithServicesAsync(async services =>
            {
                await DataVersion.RecordChangeAsync(services.GetRequiredService<TrackerDbContext>());
                return true;
            });
            _factory.Commands.Reset();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
            counts[page] = _factory.Commands.Count;
        }

        return counts;
    }

    private async Task<Dictionary<string, int>> MeasureAsync(HttpClient client, int caseId)
    {
        var pages = new[]
        {
            "/cases",
            "/cases?sort=Title&pageSize=1&page=2",
            "/cases?clockStatus=Overdue",
            "/overdue",
            string.Create(CultureInfo.InvariantCulture, $"/cases/{caseId}"),
        };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            // The first request of a day may compute stale clocks again; the steady state is what every request pays.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
            _factory.Commands.Reset();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
            counts[page] = _factory.Commands.Count;
        }

        _factory.Commands.Reset();
        await _factory.SendAsync(new CountOverdue.Query());
        counts["navigation count"] = _factory.Commands.Count;
        return counts;
    }

    private Task<bool> AddSyntheticCasesAsync(int count, string prefix = "SHAPE", int seed = 5) =>
        _factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<TrackerDbContext>();
            var generator = new SyntheticCases(seed);
            var now = _factory.Time.GetUtcNow().UtcDateTime;
            var index = 0;
            foreach (var entry in generator.Generate(count, 5))
            {
                var created = CaseFileMapper.ToCase(entry, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{index++:D5}"), now);
                generator.AddClockEvents(created, now);
                db.Cases.Add(created);
            }

            await db.SaveChangesAsync();
            Assert.True(await db.Stages.CountAsync(s => !s.HasEnded) > 100);
            return true;
        });

    /// <summary>The app with a counter of every SQL command its DbContexts send.</summary>
    public sealed class CountingFactory : TrackerAppFactory
    {
        public CommandCounter Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<TrackerDbContext>(options => options.AddInterceptors(Commands)));
        }
    }

    public sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
