using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Tests.Clocks;

public class LimitRuleTests
{
    private static readonly LimitRule Valid = new()
    {
        StageKind = StageKind.CpsDecision,
        Amount = 90,
        Unit = LimitUnit.CalendarDays,
    };

    [Fact]
    public void Defaults_are_valid_with_an_80_percent_warning()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(80, Valid.WarningPercent);
        Assert.Equal(ClockAnchor.StageStart, Valid.Anchor);
        Assert.All(DefaultLimitRules.All, rule => Assert.Empty(rule.Validate()));
    }

    [Fact]
    public void The_iopc_default_is_twelve_months_then_reports_every_six()
    {
        var rule = DefaultLimitRules.IopcInvestigation;

        Assert.Equal((12, LimitUnit.Months, 12, 6), (rule.Amount, rule.Unit, rule.FirstReportAfterMonths, rule.ReportEveryMonths));
        Assert.True(rule.IsStatutory);
        Assert.Equal("12 months", rule.LimitText);
    }

    public static TheoryData<LimitRule, string> BadRules => new()
    {
        { Valid with { Amount = 0 }, nameof(LimitRule.Amount) },
        { Valid with { Amount = -5 }, nameof(LimitRule.Amount) },
        { Valid with { Amount = LimitRule.MaximumAmount + 1 }, nameof(LimitRule.Amount) },
        { Valid with { WarningPercent = 0 }, nameof(LimitRule.WarningPercent) },
        { Valid with { WarningPercent = 100 }, nameof(LimitRule.WarningPercent) },
        { Valid with { Unit = (LimitUnit)0 }, nameof(LimitRule.Unit) },
        { Valid with { Unit = (LimitUnit)4 }, nameof(LimitRule.Unit) },
        { Valid with { Anchor = (ClockAnchor)7 }, nameof(LimitRule.Anchor) },
        { Valid with { StageKind = null }, nameof(LimitRule.Anchor) },
        { Valid with { StageKind = (StageKind)42 }, nameof(LimitRule.StageKind) },
        { Valid with { FirstReportAfterMonths = 0 }, nameof(LimitRule.FirstReportAfterMonths) },
        { Valid with { FirstReportAfterMonths = 12, ReportEveryMonths = 0 }, nameof(LimitRule.ReportEveryMonths) },
        { Valid with { FirstReportAfterMonths = 12, ReportEveryMonths = -6 }, nameof(LimitRule.ReportEveryMonths) },
        { Valid with { ReportEveryMonths = 6 }, nameof(LimitRule.ReportEveryMonths) },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void Each_bad_value_is_reported_against_its_property_in_plain_words(LimitRule rule, string property)
    {
        var error = Assert.Single(rule.Validate());

        Assert.Equal(property, error.Property);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_whole_case_rule_counted_from_the_incident_is_valid()
    {
        Assert.Empty((Valid with { StageKind = null, Anchor = ClockAnchor.IncidentDate }).Validate());
    }

    [Fact]
    public void Raw_form_values_can_be_checked_before_a_rule_exists()
    {
        var errors = LimitRule.Validate(StageKind.Inquest, 0, LimitUnit.Months, ClockAnchor.StageStart, 150, null, 6);

        Assert.Equal([nameof(LimitRule.Amount), nameof(LimitRule.WarningPercent), nameof(LimitRule.ReportEveryMonths)], errors.Select(e => e.Property));
    }

    [Fact]
    public void Pauses_and_extensions_refuse_impossible_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pause(new DateOnly(2024, 2, 1), new DateOnly(2024, 1, 31), "backwards"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Extension(new DateOnly(2024, 2, 1), 0, null, "nothing"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Extension(new DateOnly(2024, 2, 1), 5, (LimitUnit)9, "bad unit"));
    }
}
