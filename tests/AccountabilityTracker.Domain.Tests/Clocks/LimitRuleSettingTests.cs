using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Tests.Clocks;

public class LimitRuleSettingTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static readonly LimitRuleValues Inquest = new(true, 6, LimitUnit.Months, ClockAnchor.StageStart, 80, 12, null, "CJA 2009", true);

    [Fact]
    public void A_change_lists_each_changed_field_with_old_and_new_values()
    {
        var setting = LimitRuleSetting.Create(StageKind.Inquest, Inquest, "seed", Now);
        var version = setting.Version;

        var changes = setting.Change(Inquest with { Amount = 9, Unit = LimitUnit.WorkingDays, ReportEveryMonths = 6 }, "admin", Now.AddHours(1));

        Assert.Equal(
            [("Amount", "6", "9"), ("Unit", "Months", "WorkingDays"), ("ReportEveryMonths", null, "6")],
            changes.Select(c => (c.Field, c.OldValue, c.NewValue)));
        Assert.All(changes, c => Assert.Equal(("Inquest", "admin", Now.AddHours(1)), (c.RuleKey, c.ChangedBy, c.ChangedAtUtc)));
        Assert.NotEqual(version, setting.Version);
        Assert.Equal("admin", setting.UpdatedBy);
    }

    [Fact]
    public void Saving_the_same_values_changes_nothing()
    {
        var setting = LimitRuleSetting.Create(StageKind.Inquest, Inquest, "seed", Now);
        var version = setting.Version;

        Assert.Empty(setting.Change(Inquest with { LegalSource = " CJA 2009 " }, "admin", Now));
        Assert.Equal(version, setting.Version);
    }

    [Fact]
    public void Invalid_values_are_refused_and_leave_the_rule_as_it_was()
    {
        var setting = LimitRuleSetting.Create(StageKind.Inquest, Inquest, "seed", Now);

        Assert.Throws<DomainRuleException>(() => setting.Change(Inquest with { WarningPercent = 100 }, "admin", Now));
        Assert.Equal(80, setting.WarningPercent);
    }

    [Fact]
    public void A_switched_off_rule_measures_nothing()
    {
        var on = LimitRuleSetting.Create(null, Inquest with { Anchor = ClockAnchor.IncidentDate }, "seed", Now);
        var off = LimitRuleSetting.Create(StageKind.Appeal, Inquest with { IsEnabled = false }, "seed", Now);

        Assert.Equal(LimitRuleSetting.WholeCaseKey, on.Key);
        Assert.Equal(new LimitRule { StageKind = null, Amount = 6, Unit = LimitUnit.Months, Anchor = ClockAnchor.IncidentDate, FirstReportAfterMonths = 12, LegalSource = "CJA 2009", IsStatutory = true }, on.ToRule());
        Assert.Null(off.ToRule());
    }

    [Theory]
    [InlineData("Inquest", true, StageKind.Inquest)]
    [InlineData("wholecase", true, null)]
    [InlineData("4", false, null)]
    [InlineData("Fortnight", false, null)]
    public void Keys_read_back_to_a_stage_kind_or_the_whole_case(string key, bool valid, StageKind? kind)
    {
        Assert.Equal(valid, LimitRuleSetting.TryParseKey(key, out var parsed));
        Assert.Equal(kind, parsed);
    }
}
