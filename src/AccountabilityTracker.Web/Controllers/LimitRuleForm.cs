using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>The limit rule edit form. Values are nullable so a blank or unreadable field reaches the use case's validator.</summary>
public sealed class LimitRuleForm
{
    public Guid Version { get; set; }

    public bool IsEnabled { get; set; }

    public int? Amount { get; set; }

    public LimitUnit? Unit { get; set; }

    public ClockAnchor? Anchor { get; set; }

    public int? WarningPercent { get; set; }

    public int? FirstReportAfterMonths { get; set; }

    public int? ReportEveryMonths { get; set; }

    public string? LegalSource { get; set; }

    public bool IsStatutory { get; set; }

    [BindNever]
    public string Key { get; set; } = string.Empty;

    [BindNever]
    public string Name { get; set; } = string.Empty;

    [BindNever]
    public bool IsWholeCase { get; set; }

    public static LimitRuleForm From(GetLimitRule.Result rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var values = rule.Values;
        return new LimitRuleForm
        {
            Version = rule.Version,
            IsEnabled = values.IsEnabled,
            Amount = values.Amount,
            Unit = values.Unit,
            Anchor = values.Anchor,
            WarningPercent = values.WarningPercent,
            FirstReportAfterMonths = values.FirstReportAfterMonths,
            ReportEveryMonths = values.ReportEveryMonths,
            LegalSource = values.LegalSource,
            IsStatutory = values.IsStatutory,
        }.Describing(rule);
    }

    public LimitRuleForm Describing(GetLimitRule.Result rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Key = rule.Key;
        Name = rule.Name;
        IsWholeCase = rule.IsWholeCase;
        return this;
    }

    public UpdateLimitRule.Command ToCommand(string key) => new()
    {
        Key = key,
        Version = Version,
        IsEnabled = IsEnabled,
        Amount = Amount ?? 0,
        Unit = Unit ?? default,
        Anchor = Anchor ?? default,
        WarningPercent = WarningPercent ?? 0,
        FirstReportAfterMonths = FirstReportAfterMonths,
        ReportEveryMonths = ReportEveryMonths,
        LegalSource = LegalSource,
        IsStatutory = IsStatutory,
    };
}
