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
}
