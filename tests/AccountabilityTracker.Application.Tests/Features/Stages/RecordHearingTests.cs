using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Tests.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Stages;

public sealed class RecordHearingTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        _app.User.Name = "rep@tracker.test";
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_hearing_that_continues_the_stage_adds_a_milestone_with_the_outcome_and_the_next_step_and_leaves_the_stage_running()
    {
        var (caseId, stageId) = await TrialAsync();
        var form = (await _app.SendAsync(new RecordHearing.Query(caseId, stageId)))!;
        Assert.Equal("2026-11-23", form.HearingDate);

        var milestoneId = await _app.SendAsync(form with { Outcome = "Adjourned for legal argument", NextStep = "Trial resumes", NextDate = "2027-01-11" });

        var details = (await _app.SendAsync(new GetCaseDetails.Query(caseId)))!;
        var hearing = Assert.Single(details.Timeline, e => e.Type == GetCaseDetails.EntryType.Milestone);
        Assert.Equal(milestoneId, hearing.Id);
        Assert.Equal("Hearing: Criminal trial", hearing.Label);
        Assert.Equal(PartialDate.OnDay(2026, 11, 23), hearing.Start);
        Assert.Equal("Adjourned for legal argument\nNext: Trial resumes expected 11 Jan 2027", hearing.Outcome);
        Assert.True(Assert.Single(details.Timeline, e => e.Type == GetCaseDetails.EntryType.Stage).IsRunning);
    }

    [Fact]
    public async Task A_hearing_that_ends_the_stage_closes_it_on_the_hearing_day_with_the_outcome_in_the_same_save()
    {
        var (caseId, stageId) = await TrialAsync();
        var form = (await _app.SendAsync(new RecordHearing.Query(caseId, stageId)))!;

        await _app.SendAsync(form with { HearingDate = "2026-11-20", Outcome = "Found not guilty", StageEnded = true });

        var details = (await _app.SendAsync(new GetCaseDetails.Query(caseId)))!;
        var stage = Assert.Single(details.Timeline, e => e.Type == GetCaseDetails.EntryType.Stage);
        Assert.False(stage.IsRunning);
        Assert.Equal(PartialDate.OnDay(2026, 11, 20), stage.End);
        Assert.Equal("Found not guilty", stage.Outcome);
        Assert.Equal("Found not guilty", Assert.Single(details.Timeline, e => e.Type == GetCaseDetails.EntryType.Milestone).Outcome);

        // The stage is closed now: a second "ended" hearing is refused beside the box, and nothing is added.
        var again = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(form with { Outcome = "Sentenced", StageEnded = true }));
        Assert.Contains("already closed", Assert.Single(again.Errors[nameof(RecordHearing.Command.StageEnded)]), StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Milestones.CountAsync(m => m.CaseId == caseId)));
    }

    [Fact]
    public async Task Refused_hearings_say_why_beside_each_field_and_change_nothing()
    {
        var (caseId, stageId) = await TrialAsync();
        var form = (await _app.SendAsync(new RecordHearing.Query(caseId, stageId)))!;

        var empty = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(form with { HearingDate = "", Outcome = " ", NextDate = "2026-11-22" }));
        var future = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(form with { HearingDate = "2026-12-01", Outcome = "x", NextDate = "2026-13-01" }));
        var beforeStart = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(form with { HearingDate = "2024-09-30", Outcome = "x" }));
        var stale = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(form with { Version = Guid.NewGuid(), Outcome = "Convicted", StageEnded = true }));

        Assert.Equal(["HearingDate", "NextDate", "Outcome"], empty.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("This date has passed", empty.Errors["NextDate"][0], StringComparison.Ordinal);
        Assert.Equal("This date is in the future: check it.", future.Errors["HearingDate"][0]);
        Assert.Contains("YYYY-MM-DD", future.Errors["NextDate"][0], StringComparison.Ordinal);
        Assert.Contains("before the stage started", beforeStart.Errors["HearingDate"][0], StringComparison.Ordinal);
        Assert.NotNull(stale);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Milestones.CountAsync(m => m.CaseId == caseId)));
        Assert.True(await _app.WithDbAsync(db => db.Stages.Where(s => s.Id == stageId).Select(s => !s.HasEnded).SingleAsync()));
        Assert.Null(await _app.SendAsync(new RecordHearing.Query(caseId, stageId + 1000)));
    }

    private async Task<(int CaseId, int StageId)> TrialAsync()
    {
        var created = await _app.SendAsync(CaseLoggingTests.NewCase());
        var stageId = (await _app.SendAsync(new AddStage.Command { CaseId = created.Id, Kind = StageKind.CriminalTrial, StartDate = "2024-10-01", StartPrecision = DatePrecision.Day }))!.Value;
        return (created.Id, stageId);
    }
}
