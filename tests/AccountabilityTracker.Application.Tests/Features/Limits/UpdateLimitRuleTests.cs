using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Limits;

public sealed class UpdateLimitRuleTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.SendAsync(new LoadReferenceCases.Command());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_stage_kind_and_the_whole_case_has_a_rule_seeded_once()
    {
        var again = await _app.SendAsync(new SeedLimitRules.Command());
        var rules = await _app.SendAsync(new ListLimitRules.Query());

        Assert.Equal(0, again.Added);
        var expected = Enum.GetValues<StageKind>().Length + 1 + Domain.Clocks.DefaultLimitRules.EventRules.Count;
        Assert.Equal(expected, again.AlreadyPresent);
        Assert.Equal(expected, rules.Rules.Count);
        Assert.Equal("Whole case", rules.Rules[Enum.GetValues<StageKind>().Length].Name);

        // The event-to-event rules come last, switched on: regulation 33 and judicial review in each jurisdiction.
        var reg33 = rules.Rules.Single(r => r.Key == "PapersToChair-PreHearingHeld-EW");
        Assert.Equal(("Papers to chair → pre-hearing held (England & Wales)", "15 working days", true), (reg33.Name, reg33.LimitText, reg33.IsEnabled));
        Assert.All(["Decision-DecisionChallenged-EW", "Decision-DecisionChallenged-SC", "Decision-DecisionChallenged-NI"], key => Assert.Equal("3 months", rules.Rules.Single(r => r.Key == key).LimitText));
        Assert.False(rules.Rules.Single(r => r.Key == nameof(StageKind.MisconductProceedings)).IsEnabled);
        Assert.False(rules.Rules.Single(r => r.Key == nameof(StageKind.JudicialReview)).IsEnabled);
        var inquest = rules.Rules.Single(r => r.Key == nameof(StageKind.Inquest));
        Assert.Equal("6 months", inquest.LimitText);
        Assert.True(inquest.IsStatutory);
        Assert.False(rules.Rules.Single(r => r.Key == nameof(StageKind.CpsDecision)).IsStatutory);
        Assert.False(rules.Rules.Single(r => r.Key == nameof(StageKind.Other)).IsEnabled);
    }

    [Fact]
    public async Task A_rule_change_applies_to_every_case_at_once_and_is_audited_field_by_field()
    {
        _app.User.Name = "admin@example.org";
        var before = await InquestRowAsync();
        Assert.Equal(ClockStatus.Overdue, before!.Clock.Status);

        var result = await _app.SendAsync(await InquestCommandAsync(c => c with { Amount = 60, WarningPercent = 90 }));

        // 4 Oct 2022 + 60 months = 4 Oct 2027: today is 1,511 of 1,826 days in (82.7%): within the 90% warning.
        var opened = new DateOnly(2022, 10, 4);
        var due = new DateOnly(2027, 10, 4);
        Assert.Equal(2, result!.FieldsChanged);
        Assert.Null(await InquestRowAsync());
        var stage = await _app.WithDbAsync(db => db.Stages.SingleAsync(s => s.Kind == StageKind.Inquest && s.StartOn == opened));
        var clock = (await _app.SendAsync(new GetStageClock.Query(stage.CaseId, stage.Id)))!.Clock;
        Assert.Equal(ClockStatus.WithinLimit, clock.Status);
        Assert.Equal(due, clock.DueDate);
        Assert.Equal(due.DayNumber - new DateOnly(2026, 11, 23).DayNumber, clock.DaysRemaining);

        var history = (await _app.SendAsync(new ListLimitRules.Query())).History;
        Assert.Equal(2, history.Count);
        Assert.Contains(history, h => h is { RuleKey: "Inquest", Field: "Amount", OldValue: "6", NewValue: "60", ChangedBy: "admin@example.org" });
        Assert.Contains(history, h => h is { Field: "WarningPercent", OldValue: "80", NewValue: "90" });
        Assert.All(history, h => Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, h.ChangedAtUtc));
    }

    [Fact]
    public async Task Saving_unchanged_values_writes_no_history()
    {
        var result = await _app.SendAsync(await InquestCommandAsync(c => c));

        Assert.Equal(0, result!.FieldsChanged);
        Assert.Empty((await _app.SendAsync(new ListLimitRules.Query())).History);
    }

    [Theory]
    [InlineData(0, 80, LimitUnit.Months, "Amount")]
    [InlineData(-3, 80, LimitUnit.Months, "Amount")]
    [InlineData(6, 0, LimitUnit.Months, "WarningPercent")]
    [InlineData(6, 100, LimitUnit.Months, "WarningPercent")]
    [InlineData(6, 80, (LimitUnit)7, "Unit")]
    [InlineData(6, 80, (LimitUnit)0, "Unit")]
    public async Task Bad_values_are_refused_per_field_and_nothing_is_saved(int amount, int warning, LimitUnit unit, string field)
    {
        var command = await InquestCommandAsync(c => c with { Amount = amount, WarningPercent = warning, Unit = unit });

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(command));

        Assert.Equal([field], refused.Errors.Keys);
        var rule = await _app.SendAsync(new GetLimitRule.Query("Inquest"));
        Assert.Equal(6, rule!.Values.Amount);
        Assert.Equal(80, rule.Values.WarningPercent);
        Assert.Equal(LimitUnit.Months, rule.Values.Unit);
        Assert.Empty((await _app.SendAsync(new ListLimitRules.Query())).History);
    }

    [Fact]
    public async Task A_whole_case_rule_cannot_count_from_a_stage_start()
    {
        var rule = await _app.SendAsync(new GetLimitRule.Query(LimitRuleSetting.WholeCaseKey));
        var command = ToCommand(rule!) with { Anchor = ClockAnchor.StageStart };

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(command));

        Assert.Contains("Anchor", refused.Errors.Keys);
    }

    [Fact]
    public async Task A_stale_form_is_refused_rather_than_overwriting_a_newer_change()
    {
        var stale = await InquestCommandAsync(c => c with { Amount = 9 });
        await _app.SendAsync(stale with { Amount = 8 });

        var refused = await Assert.ThrowsAsync<EditConflictException>(() => _app.SendAsync(stale));

        Assert.Equal(UpdateLimitRule.ConflictMessage, Assert.Single(refused.Errors[string.Empty]));
        Assert.Equal(8, (await _app.SendAsync(new GetLimitRule.Query("Inquest")))!.Values.Amount);
    }

    [Fact]
    public async Task Switching_a_rule_off_removes_its_clocks_from_the_overdue_list()
    {
        await _app.SendAsync(await InquestCommandAsync(c => c with { IsEnabled = false }));

        var overdue = await _app.SendAsync(new ListOverdue.Query());

        Assert.DoesNotContain(overdue.Page.Items, i => i.Kind == StageKind.Inquest);
        Assert.Contains(overdue.Page.Items, i => i.Kind is null);
    }

    private async Task<ListOverdue.Item?> InquestRowAsync() =>
        (await _app.SendAsync(new ListOverdue.Query { Clock = "Inquest" })).Page.Items.SingleOrDefault();

    private async Task<UpdateLimitRule.Command> InquestCommandAsync(Func<UpdateLimitRule.Command, UpdateLimitRule.Command> change)
    {
        var rule = await _app.SendAsync(new GetLimitRule.Query("Inquest"));
        return change(ToCommand(rule!));
    }

    private static UpdateLimitRule.Command ToCommand(GetLimitRule.Result rule) => new()
    {
        Key = rule.Key,
        Version = rule.Version,
        IsEnabled = rule.Values.IsEnabled,
        Amount = rule.Values.Amount,
        Unit = rule.Values.Unit,
        Anchor = rule.Values.Anchor,
        WarningPercent = rule.Values.WarningPercent,
        FirstReportAfterMonths = rule.Values.FirstReportAfterMonths,
        ReportEveryMonths = rule.Values.ReportEveryMonths,
        LegalSource = rule.Values.LegalSource,
        IsStatutory = rule.Values.IsStatutory,
    };
}
