using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Limits;

/// <summary>Typed milestones and event-to-event rules: stored like the other clocks, on the case page and the Overdue page. Today is 23 Nov 2026.</summary>
public sealed class EventClocksTests : IAsyncLifetime
{
    private TestApplication _app = null!;
    private int _englishCase;
    private int _scottishCase;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            var english = CaseBuilder.Build("ATC-2024-0001", "Misconduct case", PartialDate.OnDay(2024, 1, 10));
            english.WithStage(StageKind.MisconductProceedings, PartialDate.OnDay(2024, 6, 1), label: "Gross misconduct proceedings");
            var scottish = Case.Open("ATC-2024-0002", new CaseParticulars(
                "Scottish case", "not published", PartialDate.OnDay(2024, 3, 1), null, "Glasgow", "Police Scotland",
                IncidentType.DeathInOrAfterCustody, Harm.Fatal, OperationCategory.RoutinePolicing, null, Jurisdiction.Scotland), _app.Time.GetUtcNow().UtcDateTime);
            db.Cases.AddRange(english, scottish);
            await db.SaveChangesAsync();
            (_englishCase, _scottishCase) = (english.Id, scottish.Id);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Regulation_33_runs_from_papers_to_the_chair_to_the_pre_hearing_in_working_days_and_is_stored()
    {
        // Papers to the chair on Monday 6 Jan 2025: the 15th working day after is Monday 27 Jan 2025.
        var papers = (await _app.SendAsync(new AddMilestone.Command
        {
            CaseId = _englishCase, Label = "Papers supplied to the chair", Type = MilestoneType.PapersToChair, Date = "2025-01-06", DatePrecision = DatePrecision.Day,
        }))!.Value;

        var running = await StoredAsync(papers);
        Assert.Equal((ClockPhase.Running, new DateOnly(2025, 1, 27)), (running.Phase, running.DueLatest!.Value));
        var overdue = await _app.SendAsync(new ListOverdue.Query());
        var row = Assert.Single(overdue.Page.Items, i => i.MilestoneId == papers);
        Assert.Equal("Papers to chair → pre-hearing held (England & Wales)", row.ClockName);
        Assert.Equal(ClockStatus.Overdue, row.Clock.Status);

        // The pre-hearing on Friday 31 Jan ends the clock: concluded four working days late, and off the Overdue page.
        await _app.SendAsync(new AddMilestone.Command { CaseId = _englishCase, Label = "Pre-hearing", Type = MilestoneType.PreHearingHeld, Date = "2025-01-31", DatePrecision = DatePrecision.Day });
        var ended = await StoredAsync(papers);
        Assert.Equal((ClockPhase.Ended, ClockStatus.ConcludedLate), (ended.Phase, ended.FinalStatus));
        Assert.DoesNotContain((await _app.SendAsync(new ListOverdue.Query())).Page.Items, i => i.MilestoneId == papers);

        // The misconduct stage itself carries no regulation 33 clock: no default measures a sub-step as the whole stage.
        var details = await _app.SendAsync(new GetCaseDetails.Query(_englishCase));
        Assert.Equal(ClockStatus.NotApplicable, details!.Timeline.Single(e => e.Type == GetCaseDetails.EntryType.Stage).Clock!.Status);
        var onPage = details.Timeline.Single(e => e.Id == papers && e.Type == GetCaseDetails.EntryType.Milestone);
        Assert.Equal((ClockStatus.ConcludedLate, "Papers to chair"), (onPage.Clock!.Status, onPage.KindName));
    }

    [Fact]
    public async Task A_scottish_case_gets_its_own_judicial_review_rule_and_no_england_and_wales_event_rule()
    {
        var papers = (await _app.SendAsync(new AddMilestone.Command { CaseId = _scottishCase, Label = "Papers to chair", Type = MilestoneType.PapersToChair, Date = "2025-01-06" }))!.Value;
        var decision = (await _app.SendAsync(new AddMilestone.Command { CaseId = _scottishCase, Label = "Crown Office decision not to prosecute", Type = MilestoneType.Decision, Date = "2026-09-01" }))!.Value;

        Assert.Equal(ClockPhase.NotApplicable, (await StoredAsync(papers)).Phase);
        var jr = await StoredAsync(decision);
        Assert.Equal((ClockPhase.Running, new DateOnly(2026, 12, 1)), (jr.Phase, jr.DueLatest!.Value));
        var row = Assert.Single((await _app.SendAsync(new ListOverdue.Query())).Page.Items, i => i.MilestoneId == decision);
        Assert.Equal(("Decision → decision challenged (Scotland)", ClockStatus.Approaching), (row.ClockName, row.Clock.Status));
    }

    [Fact]
    public async Task Changing_a_milestones_type_or_switching_the_rule_off_computes_its_clock_again()
    {
        var id = (await _app.SendAsync(new AddMilestone.Command { CaseId = _englishCase, Label = "Decision", Type = MilestoneType.Decision, Date = "2026-10-01" }))!.Value;
        Assert.Equal(ClockPhase.Running, (await StoredAsync(id)).Phase);

        var form = await _app.SendAsync(new EditMilestone.Query(_englishCase, id));
        await _app.SendAsync(form! with { Type = MilestoneType.Other });
        Assert.Equal(ClockPhase.NotApplicable, (await StoredAsync(id)).Phase);

        await _app.SendAsync((await _app.SendAsync(new EditMilestone.Query(_englishCase, id)))! with { Type = MilestoneType.Decision });
        var rule = await _app.SendAsync(new GetLimitRule.Query("Decision-DecisionChallenged-EW"));
        _app.User.Name = "admin@example.org";
        await _app.SendAsync(new UpdateLimitRule.Command
        {
            Key = rule!.Key, Version = rule.Version, IsEnabled = false, Amount = rule.Values.Amount, Unit = rule.Values.Unit, Anchor = rule.Values.Anchor,
            WarningPercent = rule.Values.WarningPercent, LegalSource = rule.Values.LegalSource, IsStatutory = rule.Values.IsStatutory,
        });
        Assert.Equal(ClockPhase.NotApplicable, (await StoredAsync(id)).Phase);
    }

    private Task<ClockRecord> StoredAsync(int milestoneId) =>
        _app.WithDbAsync(db => db.Milestones.AsNoTracking().Where(m => m.Id == milestoneId).Select(m => m.Clock).SingleAsync());
}
