using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Tests.Features.Limits;

/// <summary>The Overdue page's query: what the database narrows, what is kept, sorting, filters and paging. Today is 23 Nov 2026.</summary>
public sealed class ListOverdueTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            // Whole-case clocks stay out of the way: every case has ended stages only, apart from the ones under test.
            var met = CaseBuilder.Build("ATC-2026-0001", "Met case", PartialDate.OnDay(2026, 1, 5));
            met.WithStage(StageKind.CpsDecision, PartialDate.OnDay(Today.AddDays(-100)), label: "CPS 100 days in");   // 3 months ≈ 92 days: overdue 8
            met.WithStage(StageKind.CpsDecision, PartialDate.OnDay(Today.AddDays(-80)), label: "CPS 80 days in");     // approaching (80 / 92)
            met.WithStage(StageKind.CpsDecision, PartialDate.OnDay(Today.AddDays(-10)), label: "CPS 10 days in");     // too recent: not even read
            met.WithStage(StageKind.Other, PartialDate.OnDay(2026, 1, 6), label: "No rule for Other");                // kind with no rule: not read
            met.WithStage(StageKind.CriminalTrial, PartialDate.OnDay(2026, 1, 6), PartialDate.OnDay(2026, 6, 1), label: "Ended");

            var kent = CaseBuilder.Build("ATC-2026-0002", "Kent case", PartialDate.OnDay(2026, 2, 1), force: Forces.All.First(f => f.StartsWith("Kent", StringComparison.Ordinal)));
            kent.WithStage(StageKind.Inquest, PartialDate.OnDay(Today.AddMonths(-7)), label: "Kent inquest");         // 6 months: overdue about a month

            var monthOnly = CaseBuilder.Build("ATC-2026-0003", "Month-precision case", PartialDate.OnDay(2026, 1, 1));
            monthOnly.WithStage(StageKind.CpsDecision, PartialDate.InMonth(2026, 8), label: "CPS from August 2026"); // 1 Aug → overdue, 31 Aug → approaching

            var archived = CaseBuilder.Build("ATC-2026-0004", "Archived case", PartialDate.OnDay(2019, 12, 31));
            archived.WithStage(StageKind.CpsDecision, PartialDate.OnDay(2020, 1, 1), label: "Archived CPS");
            archived.Archive(DateTime.UtcNow);

            db.Cases.AddRange(met, kent, monthOnly, archived);
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Only_flagged_clocks_are_listed()
    {
        var result = await _app.SendAsync(new ListOverdue.Query());

        // CPS 100, CPS 80, month-precision CPS, Kent inquest; the whole-case clocks of Met and Kent (incidents this
        // year, 36 months) are within their limit.
        Assert.Equal(["Kent inquest", "CPS 100 days in", "CPS from August 2026", "CPS 80 days in"], result.Page.Items.Select(i => i.Label));
    }

    [Fact]
    public async Task Rows_are_sorted_furthest_over_first_with_exact_counts()
    {
        var result = await _app.SendAsync(new ListOverdue.Query());
        var items = result.Page.Items;

        // Certainly overdue first, furthest over first; then possibly overdue; then approaching, soonest due first.
        var inquestStart = Today.AddMonths(-7);
        Assert.Equal(Today.DayNumber - inquestStart.AddMonths(6).DayNumber, items[0].Clock.DaysOver);
        var cpsStart = Today.AddDays(-100);
        Assert.Equal(Today.DayNumber - cpsStart.AddMonths(3).DayNumber, items[1].Clock.DaysOver);
        Assert.True(items[0].Clock.DaysOver > items[1].Clock.DaysOver);
        Assert.Equal(Today.DayNumber - new DateOnly(2026, 8, 1).AddMonths(3).DayNumber, items[2].Clock.PossibleDaysOver);
        Assert.True(items[2].Clock.PossibleDaysOver > items[1].Clock.DaysOver, "Possibly further over, but not certainly: listed after the certain ones.");
        Assert.Equal(ClockStatus.Approaching, items[3].Clock.Status);
        Assert.Equal(Today.AddDays(-80).AddMonths(3).DayNumber - Today.DayNumber, items[3].Clock.DaysRemaining);
        Assert.Equal(2, result.OverdueCount);
        Assert.Equal(2, result.ApproachingCount);
    }

    [Fact]
    public async Task A_month_precision_start_is_listed_as_possibly_overdue_not_as_certain()
    {
        var result = await _app.SendAsync(new ListOverdue.Query());

        var item = result.Page.Items.Single(i => i.Label == "CPS from August 2026");
        Assert.True(item.Clock.IsUncertain);
        Assert.Equal(ClockStatus.Overdue, item.Clock.PossibleStatus);
        Assert.NotEqual(ClockStatus.Overdue, item.Clock.Status);
        Assert.Contains("possibly overdue", item.Clock.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_force_clock_and_category()
    {
        var kent = Forces.All.First(f => f.StartsWith("Kent", StringComparison.Ordinal));

        var byForce = await _app.SendAsync(new ListOverdue.Query { Force = kent });
        var byClock = await _app.SendAsync(new ListOverdue.Query { Clock = nameof(StageKind.Inquest) });
        var byCategory = await _app.SendAsync(new ListOverdue.Query { Category = OperationCategory.CounterTerrorism });
        var wholeCase = await _app.SendAsync(new ListOverdue.Query { Clock = LimitRuleSetting.WholeCaseKey });

        Assert.Equal("Kent inquest", Assert.Single(byForce.Page.Items).Label);
        Assert.Equal("Kent inquest", Assert.Single(byClock.Page.Items).Label);
        Assert.Empty(byCategory.Page.Items);
        Assert.Empty(wholeCase.Page.Items);
    }

    [Fact]
    public async Task Pages_through_the_sorted_rows()
    {
        var first = await _app.SendAsync(new ListOverdue.Query { PageSize = 3 });
        var second = await _app.SendAsync(new ListOverdue.Query { PageSize = 3, Page = 2 });

        Assert.Equal(4, first.Page.TotalCount);
        Assert.Equal(2, first.Page.PageCount);
        Assert.Equal(3, first.Page.Items.Count);
        Assert.Equal("CPS 80 days in", Assert.Single(second.Page.Items).Label);
    }

    [Fact]
    public async Task The_navigation_count_agrees_with_the_list()
    {
        var count = await _app.SendAsync(new CountOverdue.Query());

        Assert.Equal(new CountOverdue.Result(2, 2), count);
    }
}
