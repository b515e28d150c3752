using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Persistence;

/// <summary>
/// Behaviour that differs between database engines unless the app pins it down: these run on SQLite, and on
/// PostgreSQL when TRACKER_TEST_POSTGRES is set (./test.sh runs both), so each is tested rather than assumed.
/// </summary>
public sealed class ProviderDifferencesTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            db.Cases.AddRange(
                CaseBuilder.Build("ATC-2024-0001", "banana grove SHOOTING", PartialDate.OnDay(2024, 2, 29), subject: @"Path C:\temp"),
                CaseBuilder.Build("ATC-2023-0001", "Apple orchard restraint", PartialDate.InMonth(2023, 12), subject: "A 50%_off sign"),
                CaseBuilder.Build("ATC-2022-0001", "cherry lane pursuit", PartialDate.InYear(2022), subject: "50 percent"),
                CaseBuilder.Build("ATC-2010-0001", "Zebra crossing collision", PartialDate.InYear(2010)));
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("SHOOTING", "ATC-2024-0001")]
    [InlineData("shooting", "ATC-2024-0001")]
    [InlineData("Banana Grove", "ATC-2024-0001")]
    [InlineData("atc-2023", "ATC-2023-0001")]
    public async Task Text_search_ignores_case_on_every_provider(string text, string reference)
    {
        var page = await _app.SendAsync(new ListCases.Query { Text = text });

        Assert.Equal([reference], page.Items.Select(i => i.Reference));
    }

    [Theory]
    [InlineData("50%_", "ATC-2023-0001")]
    [InlineData("%", "ATC-2023-0001")]
    [InlineData("_off", "ATC-2023-0001")]
    [InlineData(@"C:\temp", "ATC-2024-0001")]
    [InlineData(@"\", "ATC-2024-0001")]
    public async Task Wildcards_and_the_escape_character_in_search_text_are_literal(string text, string reference)
    {
        var page = await _app.SendAsync(new ListCases.Query { Text = text });

        Assert.Equal([reference], page.Items.Select(i => i.Reference));
    }

    /// <summary>
    /// Titles sort by the database's collation, so the sort can walk the Title index: byte order on SQLite and on a
    /// PostgreSQL database created with the C.UTF-8 collation (as ./test.sh and docs/operations.md create it).
    /// </summary>
    [Fact]
    public async Task Sorting_by_title_is_byte_order_on_SQLite_and_on_a_C_UTF8_PostgreSQL_database()
    {
        var ascending = await _app.SendAsync(new ListCases.Query { Sort = CaseSort.Title });
        var descending = await _app.SendAsync(new ListCases.Query { Sort = CaseSort.TitleDescending });

        Assert.Equal(["ATC-2023-0001", "ATC-2010-0001", "ATC-2024-0001", "ATC-2022-0001"], ascending.Items.Select(i => i.Reference));
        Assert.Equal(["ATC-2022-0001", "ATC-2024-0001", "ATC-2010-0001", "ATC-2023-0001"], descending.Items.Select(i => i.Reference));
    }

    [Fact]
    public async Task Dates_round_trip_and_compare_as_calendar_days()
    {
        var leapDay = new DateOnly(2024, 2, 29);
        var (stored, after2023, byYear) = await _app.WithDbAsync(async db => (
            await db.Cases.Where(c => c.IncidentOn == leapDay).Select(c => c.Reference).SingleAsync(),
            await db.Cases.Where(c => c.IncidentOn > new DateOnly(2023, 12, 1)).Select(c => c.Reference).ToListAsync(),
            (await _app.SendAsync(new ListCases.Query { YearFrom = 2023, YearTo = 2023 })).Items.Select(i => i.Reference).ToList()));

        Assert.Equal("ATC-2024-0001", stored);
        Assert.Equal(["ATC-2024-0001"], after2023);
        Assert.Equal(["ATC-2023-0001"], byYear);
        var reloaded = await _app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Reference == "ATC-2023-0001"));
        Assert.Equal(PartialDate.InMonth(2023, 12), reloaded.IncidentDate);
    }

    [Fact]
    public async Task A_stale_concurrency_token_is_refused_on_every_provider()
    {
        await _app.WithDbAsync(async first =>
            await _app.WithDbAsync(async second =>
            {
                var mine = await first.Cases.SingleAsync(c => c.Reference == "ATC-2022-0001");
                var theirs = await second.Cases.SingleAsync(c => c.Reference == "ATC-2022-0001");
                theirs.RecordConfidentialNotes("saved first", Now);
                await second.SaveChangesAsync();

                mine.RecordConfidentialNotes("saved second, from a stale read", Now);
                await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
            }));

        var notes = await _app.WithDbAsync(db => db.Cases.Where(c => c.Reference == "ATC-2022-0001").Select(c => c.ConfidentialNotes).SingleAsync());
        Assert.Equal("saved first", notes);
    }

    [Fact]
    public async Task Bulk_updates_change_only_the_matching_rows()
    {
        var ids = await _app.WithDbAsync(async db =>
        {
            var jobs = Enumerable.Range(0, 3).Select(i => new ImportJob($"file{i}.json", ImportFormat.Json, 10, "test-user", Now)).ToList();
            db.ImportJobs.AddRange(jobs);
            await db.SaveChangesAsync();
            await db.ImportJobs.Where(j => j.Id == jobs[0].Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Checking));
            await db.ImportJobs.Where(j => j.Id == jobs[1].Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Completed));
            return jobs.Select(j => j.Id).ToList();
        });

        var resumed = await _app.SendAsync(new ResumeImportJobs.Command());

        Assert.Equal([ids[0], ids[2]], resumed);
        var statuses = await _app.WithDbAsync(db => db.ImportJobs.OrderBy(j => j.Id).Select(j => j.Status).ToListAsync());
        Assert.Equal([ImportJobStatus.Queued, ImportJobStatus.Completed, ImportJobStatus.Queued], statuses);
    }
}
