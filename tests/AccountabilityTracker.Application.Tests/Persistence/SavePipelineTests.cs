using System.Data.Common;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.History;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Persistence.Saving;
using AccountabilityTracker.Application.Tests.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace AccountabilityTracker.Application.Tests.Persistence;

/// <summary>
/// The save pipeline (docs/architecture.md, "Saving"): its steps in their order, and the guarantees a save keeps. Rows,
/// history and clocks commit together or not at all; a failed or raced save leaves no transaction behind; a context made
/// without DI still guards and records the data change but stores no clocks; a synchronous save runs the same steps.
/// </summary>
public sealed class SavePipelineTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_context_from_the_container_runs_the_steps_in_the_documented_order()
    {
        await using var app = await TestApplication.StartAsync();

        var steps = await app.WithDbAsync(db => Task.FromResult(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!
            .Interceptors!.OfType<ISaveChangesInterceptor>().Select(i => i.GetType()).ToList()));

        Assert.Equal([typeof(AppendOnlyRecords), typeof(OwnerVersionCheck), typeof(CaseHistoryInterceptor), typeof(ClocksInSameTransaction), typeof(RecordDataChange)], steps);
    }

    [Fact]
    public async Task A_save_stores_the_rows_their_history_and_their_clocks_and_then_moves_the_data_version()
    {
        await using var app = await TestApplication.StartAsync();
        var before = await VersionAsync(app);

        var caseId = await app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2024-0001", incident: PartialDate.OnDay(2024, 5, 1));
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2024, 5, 2));
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
            Assert.Null(db.Database.CurrentTransaction);
            return subject.Id;
        });

        var today = app.Service<ClockEvaluator>().Today();
        Assert.Equal(today, await app.WithDbAsync(db => db.Stages.Where(s => s.CaseId == caseId).Select(s => s.Clock.ComputedOn).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.CaseHistory.AnyAsync(h => h.CaseId == caseId)));
        Assert.True(await VersionAsync(app) > before);
    }

    [Fact]
    public async Task When_the_clocks_cannot_be_saved_nothing_of_the_save_is_kept_and_no_transaction_is_left_open()
    {
        var failClockSaves = new FailComputedClockSaves();
        await using var app = await TestApplication.StartAsync(services => services.ConfigureDbContext<TrackerDbContext>(o => o.AddInterceptors(failClockSaves)));
        var before = await VersionAsync(app);

        await app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2024-0001", "Never stored", PartialDate.OnDay(2024, 5, 1));
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2024, 5, 2));
            db.Cases.Add(subject);
            failClockSaves.Armed = true;

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            Assert.Null(db.Database.CurrentTransaction);
            Assert.False(await app.WithDbAsync(other => other.Cases.AnyAsync(c => c.Title == "Never stored")));
            Assert.False(await app.WithDbAsync(other => other.CaseHistory.AnyAsync()));
            Assert.Equal(before, await VersionAsync(app));
        });

        // Once the clocks can be saved, the same case is stored with them in one go (a failed request's context is
        // discarded, as ConcurrencyBehaviour clears it before a retry: EF took the rows as saved before the rollback).
        failClockSaves.Armed = false;
        await app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2024-0001", "Never stored", PartialDate.OnDay(2024, 5, 1));
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2024, 5, 2));
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, await app.WithDbAsync(db => db.Cases.CountAsync(c => c.Title == "Never stored" && c.Clock.ComputedOn != default)));
        Assert.True(await VersionAsync(app) > before);
    }

    [Fact]
    public async Task A_save_that_loses_a_race_leaves_no_transaction_open_and_nothing_of_its_own_stored()
    {
        await using var app = await TestApplication.StartAsync();
        var stageId = await app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2024-0001", incident: PartialDate.OnDay(2024, 5, 1));
            var stage = subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2024, 5, 2));
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
            return stage.Id;
        });

        await using var mine = app.OpenScope();
        await using var theirs = app.OpenScope();
        var myDb = mine.ServiceProvider.GetRequiredService<TrackerDbContext>();
        var theirDb = theirs.ServiceProvider.GetRequiredService<TrackerDbContext>();
        var myStage = await myDb.Stages.Include(s => s.Case).Include(s => s.Pauses).Include(s => s.Extensions).SingleAsync(s => s.Id == stageId);
        var theirStage = await theirDb.Stages.Include(s => s.Case).Include(s => s.Pauses).Include(s => s.Extensions).SingleAsync(s => s.Id == stageId);
        theirStage.Close(PartialDate.OnDay(2024, 9, 1), "their outcome", Now);
        await theirDb.SaveChangesAsync();

        // Closing changes the clock's inputs, so step 4 began a transaction of its own before the conflict.
        myStage.Close(PartialDate.OnDay(2024, 10, 1), "my outcome", Now);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => myDb.SaveChangesAsync());

        Assert.Null(myDb.Database.CurrentTransaction);
        Assert.Equal("their outcome", await app.WithDbAsync(db => db.Stages.Where(s => s.Id == stageId).Select(s => s.Outcome).SingleAsync()));
        Assert.Single(await app.WithDbAsync(db => db.CaseHistory.Where(h => h.StageId == stageId && h.Field == nameof(Stage.Outcome)).ToListAsync()));
    }

    [Fact]
    public async Task A_synchronous_save_runs_the_same_steps()
    {
        await using var app = await TestApplication.StartAsync();
        var before = await VersionAsync(app);

        var caseId = await app.WithDbAsync(db =>
        {
            var subject = CaseBuilder.Build("ATC-2024-0001", incident: PartialDate.OnDay(2024, 5, 1));
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2024, 5, 2));
            db.Cases.Add(subject);
            db.SaveChanges();
            return Task.FromResult(subject.Id);
        });

        Assert.NotEqual(default, await app.WithDbAsync(db => db.Stages.Where(s => s.CaseId == caseId).Select(s => s.Clock.ComputedOn).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.CaseHistory.AnyAsync(h => h.CaseId == caseId)));
        Assert.True(await VersionAsync(app) > before);
    }

    [Fact]
    public async Task A_context_made_without_DI_guards_and_records_the_change_but_stores_no_clocks_and_no_history()
    {
        await using var app = await TestApplication.StartAsync();
        var created = await app.SendAsync(CaseLoggingTests.NewCase());
        var (connection, onPostgres) = await app.WithDbAsync(db => Task.FromResult((db.Database.GetConnectionString()!, app.OnPostgres)));
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        if (onPostgres)
        {
            options.UseNpgsql(connection);
        }
        else
        {
            options.UseSqlite(connection);
        }

        var before = await VersionAsync(app);
        await using (var plain = new TrackerDbContext(options.Options))
        {
            var subject = CaseBuilder.Build("SYN-2015-0000001", "Generated", PartialDate.OnDay(2015, 5, 1));
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2015, 5, 2));
            plain.Cases.Add(subject);
            await plain.SaveChangesAsync();

            var entry = await plain.CaseHistory.FirstAsync(h => h.CaseId == created.Id);
            plain.Entry(entry).State = EntityState.Deleted;
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => plain.SaveChangesAsync());
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(default, await app.WithDbAsync(db => db.Stages.Where(s => s.Case.Title == "Generated").Select(s => s.Clock.ComputedOn).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.CaseHistory.AnyAsync(h => h.Case.Title == "Generated")));
        Assert.True(await VersionAsync(app) > before);
    }

    [Fact]
    public async Task Pruning_the_change_rows_keeps_the_newest_so_the_version_never_goes_back()
    {
        await using var app = await TestApplication.StartAsync();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < DataVersion.RowsKept + 30; i++)
            {
                await DataVersion.RecordChangeAsync(db);
            }

            var newest = await DataVersion.ReadAsync(db, CancellationToken.None);
            await DataVersion.PruneAsync(db, CancellationToken.None);

            Assert.Equal(newest, await DataVersion.ReadAsync(db, CancellationToken.None));
            Assert.InRange(await db.DataChanges.CountAsync(), 1, DataVersion.RowsKept + 1);
            Assert.Equal(0, await db.DataChanges.CountAsync(c => c.Id < newest - DataVersion.RowsKept));
        });
    }

    /// <summary>The two statements the app writes itself (EF has no insert outside SaveChanges) are T-SQL on SQL Server.</summary>
    [Fact]
    public void The_inserts_written_outside_EF_parse_as_TSql()
    {
        using var db = new AccountabilityTracker.Migrations.SqlServer.DesignTimeDbContextFactory().CreateDbContext([]);
        var sql = db.GetService<ISqlGenerationHelper>();
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);

        foreach (var statement in new[] { DataVersion.InsertSql(sql), CaseReferences.InsertSql(sql).Replace("{0}", "@p0", StringComparison.Ordinal) })
        {
            using var reader = new StringReader(statement);
            parser.Parse(reader, out var errors);
            Assert.True(errors.Count == 0, statement + ": " + string.Join("; ", errors.Select(e => e.Message)));
        }

        Assert.Equal("INSERT INTO [DataChanges] DEFAULT VALUES", DataVersion.InsertSql(sql));
    }

    private static Task<long> VersionAsync(TestApplication app) => app.WithDbAsync(db => DataVersion.ReadAsync(db, CancellationToken.None));

    /// <summary>While armed, the save of computed clocks (step 4's) fails as a database error would.</summary>
    private sealed class FailComputedClockSaves : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Fail(eventData);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Fail(eventData);
            return ValueTask.FromResult(result);
        }

        private void Fail(CommandEventData eventData)
        {
            if (Armed && eventData.Context is TrackerDbContext { Saving.SavingComputedClocks: true } && eventData.CommandSource == CommandSource.SaveChanges)
            {
                throw new InvalidOperationException("The clocks could not be saved (simulated).");
            }
        }
    }
}
