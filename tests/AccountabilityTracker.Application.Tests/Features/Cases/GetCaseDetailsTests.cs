using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Tests.Features.Cases;

public sealed class GetCaseDetailsTests : IAsyncLifetime
{
    private TestApplication _app = null!;
    private int _caseId;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2020-0001", incident: PartialDate.OnDay(2020, 1, 10));
            subject.WithStage(StageKind.Inquest, PartialDate.OnDay(2020, 2, 1), label: "Inquest opened");
            subject.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2020, 1, 10), PartialDate.OnDay(2020, 12, 1), "Investigation");
            subject.WithStage(StageKind.Other, PartialDate.Unknown, PartialDate.OnDay(2021, 1, 1), "Start never published");
            subject.AddMilestone("Officer arrested", PartialDate.OnDay(2020, 1, 15), null, DateTime.UtcNow);
            subject.AddOfficer("E7", "Restricted Name", true, null, DateTime.UtcNow);
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
            _caseId = subject.Id;
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Merges_stages_and_milestones_in_date_order_with_unknown_dates_last()
    {
        var details = await _app.SendAsync(new GetCaseDetails.Query(_caseId));

        Assert.Equal(["Investigation", "Officer arrested", "Inquest opened", "Start never published"], details!.Timeline.Select(e => e.Label));
    }

    [Fact]
    public async Task A_running_stage_is_measured_to_today_and_an_unknown_start_gives_no_duration()
    {
        var details = await _app.SendAsync(new GetCaseDetails.Query(_caseId));

        var inquest = details!.Timeline.Single(e => e.Label == "Inquest opened");
        var expected = new DateOnly(2026, 11, 23).DayNumber - new DateOnly(2020, 2, 1).DayNumber;
        Assert.True(inquest.IsRunning);
        Assert.Equal(new DayRange(expected, expected), inquest.Duration);
        Assert.Null(details.Timeline.Single(e => e.Label == "Start never published").Duration);
    }

    [Fact]
    public async Task Real_names_reach_only_roles_allowed_to_see_them()
    {
        _app.User.CanSeeRestricted = false;
        var asResearcher = await _app.SendAsync(new GetCaseDetails.Query(_caseId));
        _app.User.CanSeeRestricted = true;
        var asCaseworker = await _app.SendAsync(new GetCaseDetails.Query(_caseId));

        Assert.Null(Assert.Single(asResearcher!.Officers).RealName);
        Assert.Equal("Restricted Name", Assert.Single(asCaseworker!.Officers).RealName);
    }

    [Fact]
    public async Task A_missing_case_gives_null()
    {
        Assert.Null(await _app.SendAsync(new GetCaseDetails.Query(_caseId + 1000)));
    }
}
