using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Tests.Features.Research;

/// <summary>The clock-status filter on the case list, evaluated in memory, with counts and pages that agree. Today is 23 Nov 2026.</summary>
public sealed class ClockStatusFilterTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            // Five inquests running far past their 6-month target (overdue), one recent (within limit), one ended late,
            // one whose only stage has no limit (an "Other" stage; its whole-case clock runs), and one overdue but archived.
            var overdue = Enumerable.Range(1, 5).Select(i =>
            {
                var made = CaseBuilder.Build($"ATC-2020-000{i}", $"Overdue {i}", PartialDate.OnDay(2020, 1, i));
                made.WithStage(StageKind.Inquest, PartialDate.OnDay(2020, 2, i));
                return made;
            });

            var recent = CaseBuilder.Build("ATC-2026-0001", "Recent", PartialDate.OnDay(2026, 11, 1));
            recent.WithStage(StageKind.Inquest, PartialDate.OnDay(2026, 11, 2));
            var late = CaseBuilder.Build("ATC-2018-0001", "Ended late", PartialDate.OnDay(2018, 1, 1));
            late.WithStage(StageKind.Inquest, PartialDate.OnDay(2018, 1, 5), PartialDate.OnDay(2019, 6, 1));
            late.Close(new DateOnly(2019, 6, 1), "Inquest concluded; nothing pending", _app.Time.GetUtcNow().UtcDateTime);
            var noLimit = CaseBuilder.Build("ATC-2026-0002", "No limit", PartialDate.OnDay(2026, 10, 1));
            noLimit.WithStage(StageKind.Other, PartialDate.OnDay(2026, 10, 2));
            var archived = CaseBuilder.Build("ATC-2020-0009", "Archived overdue", PartialDate.OnDay(2020, 1, 1));
            archived.WithStage(StageKind.Inquest, PartialDate.OnDay(2020, 2, 1));
            archived.Archive(_app.Time.GetUtcNow().UtcDateTime);

            db.Cases.AddRange([.. overdue, recent, late, noLimit, archived]);
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Overdue_cases_page_in_list_order_with_a_count_that_agrees()
    {
        var first = await _app.SendAsync(new ListCases.Query { ClockStatus = ClockStatus.Overdue, Sort = CaseSort.Reference, PageSize = 2 });
        var third = await _app.SendAsync(new ListCases.Query { ClockStatus = ClockStatus.Overdue, Sort = CaseSort.Reference, PageSize = 2, Page = 3 });

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(3, first.PageCount);
        Assert.Equal(["ATC-2020-0001", "ATC-2020-0002"], first.Items.Select(i => i.Reference));
        Assert.Equal(["ATC-2020-0005"], third.Items.Select(i => i.Reference));
        Assert.All(first.Items, i => Assert.Equal(1, i.OverdueStageCount));
    }

    [Theory]
    [InlineData(ClockStatus.WithinLimit, "ATC-2026-0001,ATC-2026-0002")] // the second by its whole-case clock alone
    [InlineData(ClockStatus.ConcludedLate, "ATC-2018-0001")]
    [InlineData(ClockStatus.Approaching, "")]
    public async Task Each_status_finds_its_cases(ClockStatus status, string expected)
    {
        var page = await _app.SendAsync(new ListCases.Query { ClockStatus = status, Sort = CaseSort.Reference });

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), page.Items.Select(i => i.Reference));
        Assert.Equal(page.Items.Count, page.TotalCount);
    }

    [Fact]
    public async Task Combines_with_the_database_filters()
    {
        var page = await _app.SendAsync(new ListCases.Query { ClockStatus = ClockStatus.Overdue, Text = "Overdue 3" });

        Assert.Equal(["ATC-2020-0003"], page.Items.Select(i => i.Reference));
    }

    [Fact]
    public async Task No_limit_is_not_a_status_to_filter_by()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new ListCases.Query { ClockStatus = ClockStatus.NotApplicable }));

        Assert.Contains("ClockStatus", error.Errors.Keys);
    }

    [Fact]
    public async Task Sorts_descending_by_reference_title_and_force()
    {
        var byReference = await _app.SendAsync(new ListCases.Query { Sort = CaseSort.ReferenceDescending, PageSize = 3 });
        var byTitle = await _app.SendAsync(new ListCases.Query { Sort = CaseSort.TitleDescending, PageSize = 2 });

        Assert.Equal(["ATC-2026-0002", "ATC-2026-0001", "ATC-2020-0005"], byReference.Items.Select(i => i.Reference));
        Assert.Equal(["Recent", "Overdue 5"], byTitle.Items.Select(i => i.Title));
    }
}
