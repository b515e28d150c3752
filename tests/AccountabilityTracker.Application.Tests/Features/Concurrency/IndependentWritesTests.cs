using System.Data.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Tests.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Dates;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccountabilityTracker.Application.Tests.Features.Concurrency;

/// <summary>
/// A write to one case does not queue the others (issue 23): no write holds a lock that every write takes. One
/// request's transaction is held open after it saved an edit of case A and a new case of A's incident year; meanwhile an
/// edit of case B and new cases in other incident years commit. The data version moves only when a write commits.
/// </summary>
public sealed class IndependentWritesTests : IAsyncLifetime
{
    private const int HeldYear = 2020;

    private TestApplication _app = null!;
    private int _caseA;
    private int _caseB;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        _caseA = (await _app.SendAsync(CaseLoggingTests.NewCase("Case A", "2020-03-01"))).Id;
        _caseB = (await _app.SendAsync(CaseLoggingTests.NewCase("Case B", "2021-04-01"))).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// PostgreSQL (the server database CI runs): the other writers run with a lock timeout, so one that waited on any
    /// lock of the held transaction would fail with lock_not_available; the held transaction cannot end before they
    /// finish, so such a wait could never end by itself. No duration decides the outcome: a writer that waits fails however
    /// fast the machine, and one that does not wait succeeds however slow. The same-year creation is the control: it
    /// does wait, and fails exactly that way. On SQLite one writer at a time is the file's design (its write lock, not a
    /// row, is what a second writer waits for), so there is nothing of ours to show there.
    /// </summary>
    [Fact]
    public async Task Edits_of_other_cases_and_cases_of_other_years_commit_while_a_write_transaction_is_open()
    {
        if (!_app.OnPostgres)
        {
            return;
        }

        await using var other = _app.SecondInstance(services => services.ConfigureDbContext<TrackerDbContext>(o => o.AddInterceptors(new LockTimeout())));
        var versionBefore = await VersionAsync();

        await using var holder = _app.OpenScope();
        var db = holder.ServiceProvider.GetRequiredService<TrackerDbContext>();
        var mediator = holder.ServiceProvider.GetRequiredService<IMediator>();
        await using var held = await db.Database.BeginTransactionAsync();
        var editA = (await mediator.Send(new EditCase.Query(_caseA)))!;
        Assert.True(await mediator.Send(editA with { Location = "Held open" }));
        var references = await CaseReferences.ReserveAsync(db, [HeldYear], CancellationToken.None);
        var heldReference = await references.TakeAsync(HeldYear, CancellationToken.None);
        db.Cases.Add(CaseBuilder.Build(heldReference, "Created in the held transaction", PartialDate.OnDay(HeldYear, 6, 1)));
        await db.SaveChangesAsync();

        var editB = (await other.SendAsync(new EditCase.Query(_caseB)))!;
        Assert.True(await other.SendAsync(editB with { Location = "Saved meanwhile" }));
        var otherYear = await other.SendAsync(CaseLoggingTests.NewCase("Another year", "2021-05-01"));
        var newYear = await other.SendAsync(CaseLoggingTests.NewCase("A year never used", "2017-05-01"));
        var sameYear = await Assert.ThrowsAnyAsync<Exception>(() => other.SendAsync(CaseLoggingTests.NewCase("Same year as the held one", "2020-07-01")));
        Assert.Equal(PostgresErrorCodes.LockNotAvailable, FromServer(sameYear)?.SqlState);

        Assert.Equal(("ATC-2021-0002", "ATC-2017-0001"), (otherYear.Reference, newYear.Reference));
        Assert.Equal("Saved meanwhile", await _app.WithDbAsync(d => d.Cases.Where(c => c.Id == _caseB).Select(c => c.Location).SingleAsync()));
        Assert.Equal("Leeds", await _app.WithDbAsync(d => d.Cases.Where(c => c.Id == _caseA).Select(c => c.Location).SingleAsync()));
        var versionMeanwhile = await VersionAsync();
        Assert.True(versionMeanwhile > versionBefore, "the writes that committed meanwhile moved the data version");

        await held.CommitAsync();
        Assert.True(await VersionAsync() > versionMeanwhile, "the held transaction's change moved the version once it committed");
        Assert.Equal("Held open", await _app.WithDbAsync(d => d.Cases.Where(c => c.Id == _caseA).Select(c => c.Location).SingleAsync()));

        // The year's writers queue, they are not refused for good: once the holder commits, the next number follows its.
        var after = await other.SendAsync(CaseLoggingTests.NewCase("Same year, after the commit", "2020-07-01"));
        Assert.Equal(("ATC-2020-0002", "ATC-2020-0003"), (heldReference, after.Reference));
    }

    /// <summary>On every provider: a reader sees the version move when the write commits, not when it saves, and never for a rollback.</summary>
    [Fact]
    public async Task The_data_version_moves_when_a_write_commits_and_not_before_nor_for_a_rollback()
    {
        var before = await VersionAsync();
        await using (var holder = _app.OpenScope())
        {
            var db = holder.ServiceProvider.GetRequiredService<TrackerDbContext>();
            var mediator = holder.ServiceProvider.GetRequiredService<IMediator>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var edit = (await mediator.Send(new EditCase.Query(_caseA)))!;
            Assert.True(await mediator.Send(edit with { Location = "Rolled back" }));

            Assert.Equal(before, await VersionAsync());
            await transaction.RollbackAsync();
        }

        Assert.Equal(before, await VersionAsync());

        await using (var holder = _app.OpenScope())
        {
            var db = holder.ServiceProvider.GetRequiredService<TrackerDbContext>();
            var mediator = holder.ServiceProvider.GetRequiredService<IMediator>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var edit = (await mediator.Send(new EditCase.Query(_caseA)))!;
            Assert.True(await mediator.Send(edit with { Location = "Committed" }));
            var edit2 = (await mediator.Send(new EditCase.Query(_caseB)))!;
            Assert.True(await mediator.Send(edit2 with { Location = "Committed too" }));

            Assert.Equal(before, await VersionAsync());
            await transaction.CommitAsync();
        }

        var after = await VersionAsync();
        Assert.True(after > before);
        Assert.Equal(1, await _app.WithDbAsync(d => d.DataChanges.CountAsync(c => c.Id > before)));
    }

    /// <summary>
    /// "A figure observed before a commit is not served after it": a second instance caches the case count; a write on the
    /// first, held open, changes nothing anyone else is served (neither instance's cache takes the uncommitted figure);
    /// once it commits, both serve the new count.
    /// </summary>
    [Fact]
    public async Task Cached_figures_on_every_instance_follow_a_commit_and_never_an_uncommitted_write()
    {
        await using var second = _app.SecondInstance();
        var before = (await second.SendAsync(new ListCases.Query())).TotalCount;
        Assert.Equal(before, (await _app.SendAsync(new ListCases.Query())).TotalCount);

        await using (var holder = _app.OpenScope())
        {
            var db = holder.ServiceProvider.GetRequiredService<TrackerDbContext>();
            var mediator = holder.ServiceProvider.GetRequiredService<IMediator>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var references = await CaseReferences.ReserveAsync(db, [2019], CancellationToken.None);
            db.Cases.Add(CaseBuilder.Build(await references.TakeAsync(2019, CancellationToken.None), "Uncommitted for now", PartialDate.OnDay(2019, 1, 1)));
            await db.SaveChangesAsync();

            // The writer sees its own case; that figure is its alone.
            Assert.Equal(before + 1, (await mediator.Send(new ListCases.Query())).TotalCount);
            Assert.Equal(before, (await _app.SendAsync(new ListCases.Query())).TotalCount);
            Assert.Equal(before, (await second.SendAsync(new ListCases.Query())).TotalCount);
            await transaction.CommitAsync();
        }

        Assert.Equal(before + 1, (await second.SendAsync(new ListCases.Query())).TotalCount);
        Assert.Equal(before + 1, (await _app.SendAsync(new ListCases.Query())).TotalCount);
    }

    /// <summary>The server's own error, however EF wrapped it (a lock timeout reads to it as possibly transient).</summary>
    private static PostgresException? FromServer(Exception? exception)
    {
        while (exception is not null and not PostgresException)
        {
            exception = exception.InnerException;
        }

        return exception as PostgresException;
    }

    private Task<long> VersionAsync() => _app.WithDbAsync(db => DataVersion.ReadAsync(db, CancellationToken.None));

    /// <summary>Every connection of the other instance gives up on a lock it has waited for (PostgreSQL's lock_timeout).</summary>
    private sealed class LockTimeout : DbConnectionInterceptor
    {
        private const string Sql = "SET lock_timeout = '2s'";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
