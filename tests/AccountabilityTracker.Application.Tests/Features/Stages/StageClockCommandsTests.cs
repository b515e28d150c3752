using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Stages;

/// <summary>Pauses and extensions through the use cases. Today is 23 Nov 2026; the inquest opened 1 Mar 2026 (6 months: due 1 Sep).</summary>
public sealed class StageClockCommandsTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Opened = new(2026, 3, 1);

    private TestApplication _app = null!;
    private int _caseId;
    private int _stageId;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2026-0001", incident: PartialDate.OnDay(2026, 2, 27));
            var stage = subject.WithStage(StageKind.Inquest, PartialDate.OnDay(Opened), label: "Inquest opened");
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
            (_caseId, _stageId) = (subject.Id, stage.Id);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Without_pauses_the_inquest_is_overdue_from_2_September()
    {
        var clock = await ClockAsync();

        Assert.Equal(new DateOnly(2026, 9, 1), clock.Clock.DueDate);
        Assert.Equal(Today.DayNumber - new DateOnly(2026, 9, 1).DayNumber, clock.Clock.DaysOver);
    }

    [Fact]
    public async Task An_open_pause_stops_the_clock_and_paused_days_do_not_count()
    {
        // Suspended at the prosecutor's request from 1 May: 61 days after the start had been used, the rest stands still.
        await _app.SendAsync(Pause(new DateOnly(2026, 5, 1), null, "Suspended at the CPS's request (CJA 2009 Sch 1 para 1)"));

        var clock = await ClockAsync();

        var pausedDays = Today.DayNumber - new DateOnly(2026, 5, 1).DayNumber + 1;
        Assert.Equal(ClockStatus.WithinLimit, clock.Clock.Status);
        Assert.True(clock.Clock.IsPaused);
        Assert.True(clock.IsPaused);
        Assert.Equal(pausedDays, clock.Clock.PausedDays);
        Assert.Contains("paused", clock.Clock.Text, StringComparison.Ordinal);
        Assert.Equal("Suspended at the CPS's request (CJA 2009 Sch 1 para 1)", Assert.Single(clock.Pauses).Reason);
    }

    [Fact]
    public async Task Resuming_sets_the_clock_running_again_with_the_due_date_pushed_by_the_paused_days()
    {
        await _app.SendAsync(Pause(new DateOnly(2026, 5, 1), null, "Criminal proceedings"));
        await _app.SendAsync(new ResumeStage.Command { CaseId = _caseId, StageId = _stageId, On = new DateOnly(2026, 7, 1) });

        var clock = await ClockAsync();

        var paused = new DateOnly(2026, 7, 1).DayNumber - new DateOnly(2026, 5, 1).DayNumber;
        Assert.False(clock.IsPaused);
        Assert.Equal(new DateOnly(2026, 9, 1).AddDays(paused), clock.Clock.DueDate);
        Assert.Equal(ClockStatus.Overdue, clock.Clock.Status);
    }

    [Fact]
    public async Task A_pause_before_the_stage_started_is_refused_beside_the_from_field()
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(Pause(Opened.AddDays(-1), null, "Too early")));

        Assert.Contains("before the stage started", Assert.Single(refused.Errors["From"]), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.StagePauses.CountAsync()));
    }

    [Fact]
    public async Task A_pause_needs_a_reason_and_a_second_open_pause_is_refused()
    {
        var noReason = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(Pause(new DateOnly(2026, 5, 1), null, " ")));
        await _app.SendAsync(Pause(new DateOnly(2026, 5, 1), null, "First"));
        var second = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(Pause(new DateOnly(2026, 6, 1), null, "Second")));

        Assert.Contains("Reason", noReason.Errors.Keys);
        Assert.Contains("already paused", Assert.Single(second.Errors["From"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extension_replaces_the_limit_and_is_shown_as_such()
    {
        await _app.SendAsync(new ExtendStage.Command
        {
            CaseId = _caseId,
            StageId = _stageId,
            GrantedOn = new DateOnly(2026, 8, 20),
            NewAmount = 12,
            Reason = "Coroner awaits the criminal trial",
        });

        var clock = await ClockAsync();

        Assert.Equal(new DateOnly(2027, 3, 1), clock.Clock.DueDate);
        Assert.True(clock.Clock.IsExtended);
        Assert.Equal("12 months", clock.Clock.LimitText);
        Assert.Equal("6 months", clock.Clock.RuleLimitText);
        Assert.Equal("Coroner awaits the criminal trial", clock.Clock.ExtensionReason);
        Assert.Equal("12 months", Assert.Single(clock.Extensions).NewLimit);
        Assert.Equal(new CountOverdue.Result(0, 0).Overdue, (await _app.SendAsync(new CountOverdue.Query())).Overdue);
    }

    [Theory]
    [InlineData(0, null, "NewAmount")]
    [InlineData(6, (LimitUnit)9, "NewUnit")]
    public async Task A_bad_extension_is_refused_per_field(int amount, LimitUnit? unit, string field)
    {
        var command = new ExtendStage.Command { CaseId = _caseId, StageId = _stageId, GrantedOn = Today, NewAmount = amount, NewUnit = unit, Reason = "r" };

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(command));

        Assert.Equal([field], refused.Errors.Keys);
        Assert.Equal(0, await _app.WithDbAsync(db => db.StageExtensions.CountAsync()));
    }

    [Fact]
    public async Task A_stage_of_another_case_is_not_found()
    {
        var result = await _app.SendAsync(new PauseStage.Command { CaseId = _caseId + 1000, StageId = _stageId, From = Today, Reason = "x" });

        Assert.Null(result);
    }

    private PauseStage.Command Pause(DateOnly from, DateOnly? to, string reason) =>
        new() { CaseId = _caseId, StageId = _stageId, From = from, To = to, Reason = reason };

    private async Task<GetStageClock.Result> ClockAsync() =>
        (await _app.SendAsync(new GetStageClock.Query(_caseId, _stageId)))!;
}
