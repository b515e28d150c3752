using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Research;

public sealed class TimelineAndCompareTests : IAsyncLifetime
{
    private TestApplication _app = null!;
    private int _kaba;
    private int _baker;
    private int _made;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.SendAsync(new LoadReferenceCases.Command());
        (_kaba, _baker) = await _app.WithDbAsync(async db => (
            await db.Cases.Where(c => c.ExternalId == "chris-kaba-2022").Select(c => c.Id).SingleAsync(),
            await db.Cases.Where(c => c.ExternalId == "jermaine-baker-2015").Select(c => c.Id).SingleAsync()));
        _made = await _app.WithDbAsync(async db =>
        {
            var made = CaseBuilder.Build("ATC-2019-0001", "Made up", PartialDate.InMonth(2019, 3));
            made.WithStage(StageKind.IopcInvestigation, PartialDate.InMonth(2019, 4), PartialDate.OnDay(2020, 6, 30));
            var misconduct = made.WithStage(StageKind.MisconductProceedings, PartialDate.OnDay(2020, 7, 1));
            misconduct.Pause(new DateOnly(2020, 9, 1), new DateOnly(2021, 3, 1), "Criminal proceedings first", DateTime.UtcNow);
            made.WithStage(StageKind.Other, PartialDate.Unknown, PartialDate.OnDay(2021, 1, 1), "Start never published");
            made.AddMilestone("Referral", PartialDate.InYear(2019), null, DateTime.UtcNow);
            db.Cases.Add(made);
            await db.SaveChangesAsync();
            return made.Id;
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_Kaba_timeline_has_a_lane_per_kind_and_running_stages_without_an_end()
    {
        var timeline = (await _app.SendAsync(new GetCaseTimeline.Query(_kaba)))!;

        Assert.Equal(new DateOnly(2026, 11, 23), timeline.Today);
        Assert.Equal("IopcInvestigation", timeline.Lanes[0].Id);
        Assert.Contains(timeline.Lanes, l => l.Id == GetCaseTimeline.MilestoneLane);
        var inquest = timeline.Items.Single(i => i.Type == GetCaseTimeline.ItemType.Stage && i.Lane == nameof(StageKind.Inquest));
        Assert.True(inquest.IsRunning);
        Assert.Null(inquest.End);
        Assert.EndsWith("so far", inquest.Duration, StringComparison.Ordinal);
        Assert.Equal("Overdue", inquest.Clock!.StatusText);

        // The inquest's 6-month limit is drawn in its lane, on its due date.
        var limit = timeline.Items.Single(i => i.Type == GetCaseTimeline.ItemType.Limit && i.StageId == inquest.Id);
        Assert.Equal(inquest.Clock.DueDate, limit.Start.Latest);
        Assert.Equal(inquest.Lane, limit.Lane);
        Assert.Empty(timeline.Undated);
    }

    [Fact]
    public async Task Pauses_approximate_dates_and_unknown_starts_are_kept_apart()
    {
        var timeline = (await _app.SendAsync(new GetCaseTimeline.Query(_made)))!;

        var pause = timeline.Items.Single(i => i.Type == GetCaseTimeline.ItemType.Pause);
        Assert.Equal("1 Sep 2020", pause.Start.Text);
        Assert.Equal("1 Mar 2021", pause.End!.Text);
        Assert.Equal("181 days paused", pause.Duration);
        Assert.Equal("Criminal proceedings first", pause.Outcome);

        var investigation = timeline.Items.Single(i => i.Type == GetCaseTimeline.ItemType.Stage && i.Lane == nameof(StageKind.IopcInvestigation));
        Assert.True(investigation.Start.IsApproximate);
        Assert.Equal(new DateOnly(2019, 4, 1), investigation.Start.Earliest);
        Assert.Equal(new DateOnly(2019, 4, 30), investigation.Start.Latest);

        var referral = timeline.Items.Single(i => i.Type == GetCaseTimeline.ItemType.Milestone);
        Assert.Equal(new DateOnly(2019, 12, 31), referral.Start.Latest);

        Assert.Equal(["Start never published"], timeline.Undated.Select(i => i.Label));
    }

    [Fact]
    public async Task A_missing_case_has_no_timeline()
    {
        Assert.Null(await _app.SendAsync(new GetCaseTimeline.Query(987654)));
    }

    [Fact]
    public async Task Compares_Kaba_and_W80_in_the_order_asked_from_day_0()
    {
        var result = await _app.SendAsync(new CompareCases.Query { Ids = [_kaba, _baker, 987654] });

        Assert.Equal([_kaba, _baker], result.Cases.Select(c => c.Id));
        Assert.Equal([987654], result.NotFound);
        var kaba = result.Cases[0];
        // The CPS stage runs from the file's arrival (30 Mar 2023, day 206) to the charge 380 days after the shooting.
        var cps = kaba.Stages.Single(s => s.KindName == "CPS charging decision");
        Assert.Equal((206, 380), (cps.StartOffset!.Shortest, cps.EndOffset!.Shortest));
        var acquittal = kaba.Stages.Single(s => s.Label.StartsWith("Old Bailey", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2024, 10, 21).DayNumber - new DateOnly(2022, 9, 5).DayNumber, acquittal.EndOffset!.Shortest);

        // W80: misconduct dismissed 15 Oct 2025, 9 years 10 months after the shooting.
        var hearing = result.Cases[1].Stages.Where(s => s.KindName == "Misconduct proceedings").MaxBy(s => s.StartOffset!.Shortest)!;
        Assert.Equal(new DateOnly(2025, 10, 15).DayNumber - new DateOnly(2015, 12, 11).DayNumber, hearing.EndOffset!.Longest);
        Assert.True(hearing.EndOffset.IsExact);

        // The running inquest is counted to today.
        var inquest = kaba.Stages.Single(s => s.KindName == "Inquest");
        Assert.True(inquest.IsRunning);
        Assert.Equal(new DateOnly(2026, 11, 23).DayNumber - new DateOnly(2022, 9, 5).DayNumber, inquest.EndOffset!.Shortest);
    }

    [Fact]
    public async Task Month_precision_offsets_are_ranges_said_as_about()
    {
        var result = await _app.SendAsync(new CompareCases.Query { Ids = [_made] });

        var investigation = result.Cases[0].Stages.Single(s => s.KindName == "IOPC investigation");
        // Incident in March 2019, start in April 2019: 1 to 60 days.
        Assert.Equal(1, investigation.StartOffset!.Shortest);
        Assert.Equal(60, investigation.StartOffset.Longest);
        Assert.Equal("about 31 days (1–60)", investigation.StartOffset.Text); // the middle, 30.5, rounded half away from zero
        Assert.Null(result.Cases[0].Stages.Single(s => s.Label == "Start never published").StartOffset);
    }

    [Fact]
    public async Task Refuses_more_than_the_maximum()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() =>
            _app.SendAsync(new CompareCases.Query { Ids = [.. Enumerable.Range(1, CompareCases.MaxCases + 1)] }));

        Assert.Contains("Ids", error.Errors.Keys);
    }

    [Fact]
    public async Task No_selection_is_an_empty_comparison()
    {
        var result = await _app.SendAsync(new CompareCases.Query());

        Assert.Empty(result.Cases);
    }
}
