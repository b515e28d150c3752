using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.Domain.Clocks;

/// <summary>The seed limits from domain.md, "Clocks and limits". Each is editable; these are only the starting values.</summary>
public static class DefaultLimitRules
{
    /// <summary>
    /// An investigation not finished within 12 months must be reported on, then every 6 months
    /// (Police (Complaints and Misconduct) Regulations 2020, SI 2020/2, reg 13).
    /// </summary>
    public static LimitRule IopcInvestigation { get; } = new()
    {
        StageKind = StageKind.IopcInvestigation,
        Amount = 12,
        Unit = LimitUnit.Months,
        FirstReportAfterMonths = 12,
        ReportEveryMonths = 6,
        LegalSource = "Police (Complaints and Misconduct) Regulations 2020 (SI 2020/2) reg 13",
        IsStatutory = true,
    };

    /// <summary>
    /// Inquests are to be completed within 6 months of the coroner learning of the death (Coroners (Inquests) Rules 2013
    /// r.8); the Chief Coroner is told of any not completed within 12 months (Coroners and Justice Act 2009 s.16).
    /// </summary>
    public static LimitRule Inquest { get; } = new()
    {
        StageKind = StageKind.Inquest,
        Amount = 6,
        Unit = LimitUnit.Months,
        FirstReportAfterMonths = 12,
        LegalSource = "Coroners (Inquests) Rules 2013 r.8; Coroners and Justice Act 2009 s.16",
        IsStatutory = true,
    };

    public static IReadOnlyList<LimitRule> All { get; } = [IopcInvestigation, Inquest];

    /// <summary>
    /// The event-to-event rules shipped switched on: each measures exactly the step its law times, between two typed
    /// milestones, never a whole stage.
    /// </summary>
    public static IReadOnlyList<EventLimitDefault> EventRules { get; } =
    [
        // The chair's pre-hearing within 15 working days of the papers reaching the chair (misconduct hearings).
        new(MilestoneType.PapersToChair, MilestoneType.PreHearingHeld, Jurisdiction.EnglandAndWales, new LimitRuleValues(
            true, 15, LimitUnit.WorkingDays, ClockAnchor.StageStart, DefaultWarning, null, null, "Police (Conduct) Regulations 2020 (SI 2020/4) reg 33: papers supplied to the chair to the pre-hearing", true)),

        // A claim for judicial review promptly and in any event within 3 months of the decision challenged.
        new(MilestoneType.Decision, MilestoneType.DecisionChallenged, Jurisdiction.EnglandAndWales, new LimitRuleValues(
            true, 3, LimitUnit.Months, ClockAnchor.StageStart, DefaultWarning, null, null, "Civil Procedure Rules 54.5(1): claim for judicial review within 3 months of the grounds arising", true)),
        new(MilestoneType.Decision, MilestoneType.DecisionChallenged, Jurisdiction.Scotland, new LimitRuleValues(
            true, 3, LimitUnit.Months, ClockAnchor.StageStart, DefaultWarning, null, null, "Court of Session Act 1988 s.27A(1)(a): application for judicial review within 3 months of the grounds arising", true)),
        new(MilestoneType.Decision, MilestoneType.DecisionChallenged, Jurisdiction.NorthernIreland, new LimitRuleValues(
            true, 3, LimitUnit.Months, ClockAnchor.StageStart, DefaultWarning, null, null, "Rules of the Court of Judicature (NI) 1980 Order 53 r.4: application for leave within 3 months of the grounds arising", true)),
    ];

    private const int DefaultWarning = LimitRule.DefaultWarningPercent;
}

/// <summary>A shipped event-to-event rule: from one milestone type to another, on cases of one jurisdiction.</summary>
public sealed record EventLimitDefault(MilestoneType From, MilestoneType To, Jurisdiction Jurisdiction, LimitRuleValues Values);
