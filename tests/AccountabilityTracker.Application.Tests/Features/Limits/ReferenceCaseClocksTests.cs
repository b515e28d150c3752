using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Application.Tests.Features.Limits;

/// <summary>
/// Issue 5, acceptance 2: the reference cases against the shipped default rules, through the handlers over SQLite, on a
/// fixed day. Expected day counts are worked out here from the published dates, not taken from the evaluator.
/// </summary>
public sealed class ReferenceCaseClocksTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.SendAsync(new LoadReferenceCases.Command());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_test_clock_reads_23_November_2026_in_London()
    {
        Assert.Equal(Today, DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime));
        var overdue = await _app.SendAsync(new ListOverdue.Query());
        Assert.Equal(Today, overdue.Today);
    }

    [Fact]
    public async Task Baker_IPCC_investigation_concluded_late_against_the_twelve_month_rule()
    {
        var referral = new DateOnly(2015, 12, 11);
        var finalReport = new DateOnly(2016, 12, 23);
        var lastDayWithinTwelveMonths = new DateOnly(2016, 12, 11);
        var expectedDaysLate = finalReport.DayNumber - lastDayWithinTwelveMonths.DayNumber;

        var stage = await StageAsync("Jermaine Baker", StageKind.IopcInvestigation, referral);

        Assert.Equal(finalReport, stage.End!.Value.Earliest);
        var clock = stage.Clock!;
        Assert.Equal(ClockStatus.ConcludedLate, clock.Status);
        Assert.Equal(lastDayWithinTwelveMonths, clock.DueDate);
        Assert.Equal(12, expectedDaysLate);
        Assert.Equal(expectedDaysLate, clock.DaysOver);
        Assert.Equal("concluded 12 days late", clock.Text);
        Assert.Equal("12 months", clock.LimitText);
        Assert.True(clock.IsStatutory);
    }

    [Fact]
    public async Task Kaba_IOPC_investigation_concluded_within_the_twelve_month_rule()
    {
        // The reference data splits it: opened 6 Sep 2022 (officers as witnesses), homicide investigation from 9 Sep to 30 Mar 2023.
        var opened = new DateOnly(2022, 9, 6);
        var fileToCps = new DateOnly(2023, 3, 30);
        Assert.True(fileToCps < new DateOnly(2023, 9, 6), "The whole investigation ran under 12 months.");

        var first = await StageAsync("Chris Kaba", StageKind.IopcInvestigation, opened);
        var homicide = await StageAsync("Chris Kaba", StageKind.IopcInvestigation, new DateOnly(2022, 9, 9));

        Assert.Equal(fileToCps, homicide.End!.Value.Earliest);
        Assert.Equal(ClockStatus.ConcludedInTime, first.Clock!.Status);
        Assert.Equal(ClockStatus.ConcludedInTime, homicide.Clock!.Status);
        Assert.Equal(new DateOnly(2023, 9, 9), homicide.Clock.DueDate);
        Assert.Null(homicide.Clock.DaysOver);
        Assert.Equal("concluded within limit", homicide.Clock.Text);
    }

    [Fact]
    public async Task Kaba_inquest_opened_and_adjourned_is_overdue_against_the_six_month_target()
    {
        var opened = new DateOnly(2022, 10, 4);
        var lastDayWithinSixMonths = new DateOnly(2023, 4, 4);
        var expectedDaysOver = Today.DayNumber - lastDayWithinSixMonths.DayNumber;

        var stage = await StageAsync("Chris Kaba", StageKind.Inquest, opened);

        Assert.True(stage.IsRunning);
        Assert.Equal(ClockStatus.Overdue, stage.Clock!.Status);
        Assert.Equal(lastDayWithinSixMonths, stage.Clock.DueDate);
        Assert.Equal(expectedDaysOver, stage.Clock.DaysOver);
        Assert.Equal($"{expectedDaysOver:N0} days over", stage.Clock.Text);
        Assert.Equal(1, stage.Clock.ReportsDueSoFar); // the Chief Coroner was to be told at 12 months

        // The same reading on the Overdue page, with the same count.
        var overdue = await _app.SendAsync(new ListOverdue.Query { Clock = nameof(StageKind.Inquest) });
        var row = Assert.Single(overdue.Page.Items);
        Assert.Equal(stage.Id, row.StageId);
        Assert.Equal(expectedDaysOver, row.Clock.DaysOver);
    }

    [Fact]
    public async Task A_new_day_changes_the_count_with_nothing_stored()
    {
        var before = await StageAsync("Chris Kaba", StageKind.Inquest, new DateOnly(2022, 10, 4));

        _app.Time.Advance(TimeSpan.FromDays(3));
        var after = await StageAsync("Chris Kaba", StageKind.Inquest, new DateOnly(2022, 10, 4));

        Assert.Equal(before.Clock!.DaysOver + 3, after.Clock!.DaysOver);
    }

    [Fact]
    public async Task The_overdue_list_holds_only_running_clocks_furthest_over_first()
    {
        var incident = new DateOnly(2022, 9, 5);
        var wholeCaseDue = new DateOnly(2025, 9, 5); // 36 months, the shipped whole-case default
        var inquestDue = new DateOnly(2023, 4, 4);

        var overdue = await _app.SendAsync(new ListOverdue.Query());

        // Kaba has a running inquest and a running case (the misconduct default is off: reg 33 times a step inside the
        // stage). Baker's stages have all ended, but nobody has closed his case, so its whole-case clock still runs.
        Assert.All(overdue.Page.Items.Where(i => i.Kind is not null), i => Assert.Contains("Kaba", i.CaseTitle, StringComparison.Ordinal));
        Assert.Equal(3, overdue.Page.TotalCount);
        Assert.Equal(3, overdue.OverdueCount);
        Assert.Single(overdue.Page.Items, i => i.Kind is null && i.CaseTitle.Contains("Baker", StringComparison.Ordinal));
        var inquest = overdue.Page.Items.Single(i => i.Kind == StageKind.Inquest);
        var wholeCase = overdue.Page.Items.Single(i => i.Kind is null && i.CaseTitle.Contains("Kaba", StringComparison.Ordinal));
        Assert.Equal(Today.DayNumber - inquestDue.DayNumber, inquest.Clock.DaysOver);
        Assert.Equal(Today.DayNumber - wholeCaseDue.DayNumber, wholeCase.Clock.DaysOver);
        Assert.Equal(incident, wholeCase.Start.Earliest);
        Assert.Equal(overdue.Page.Items.OrderByDescending(i => i.Clock.DaysOver).Select(i => i.Label), overdue.Page.Items.Select(i => i.Label));
        Assert.True(overdue.Page.Items[0].Clock.DaysOver > overdue.Page.Items[^1].Clock.DaysOver);
    }

    private async Task<GetCaseDetails.TimelineEntry> StageAsync(string subject, StageKind kind, DateOnly start)
    {
        var list = await _app.SendAsync(new ListCases.Query { Text = subject });
        var details = await _app.SendAsync(new GetCaseDetails.Query(Assert.Single(list.Items).Id));
        return details!.Timeline.Single(e => e.Type == GetCaseDetails.EntryType.Stage && e.Kind == kind && e.Start.Earliest == start);
    }
}
