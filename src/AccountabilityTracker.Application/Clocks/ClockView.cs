using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>A clock reading as pages show it: status, the phrase ("12 days over", "due in 30 days") and the dates behind it.</summary>
public sealed record ClockView(
    ClockStatus Status,
    ClockStatus PossibleStatus,
    string Text,
    string? LimitText,
    string? RuleLimitText,
    bool IsStatutory,
    string? LegalSource,
    DateOnly? DueDate,
    DateOnly? DueEarliest,
    bool IsApproximate,
    int? DaysOver,
    int? PossibleDaysOver,
    int? DaysRemaining,
    bool IsPaused,
    int PausedDays,
    string? ExtensionReason,
    DateOnly? ExtensionGrantedOn,
    DateOnly? NextReportDue,
    int ReportsDueSoFar)
{
    public bool IsUncertain => Status != PossibleStatus;

    public bool IsExtended => ExtensionGrantedOn is not null;

    /// <summary>The status in words, so a badge never relies on colour alone.</summary>
    public string StatusText => TextOf(Status);

    /// <summary>A status in words: badges, digests and the exports' label columns all say it this way.</summary>
    public static string TextOf(ClockStatus status) => status switch
    {
        ClockStatus.WithinLimit => "Within limit",
        ClockStatus.Approaching => "Approaching limit",
        ClockStatus.Overdue => "Overdue",
        ClockStatus.ConcludedInTime => "Concluded in time",
        ClockStatus.ConcludedLate => "Concluded late",
        _ => "No limit",
    };

    /// <summary>
    /// Sorting order for lists of flagged clocks, most urgent first: certainly overdue (furthest over first), then
    /// possibly overdue (a month- or year-precision start), then approaching (soonest due first).
    /// </summary>
    public (int Tier, int Days) Urgency => Status == ClockStatus.Overdue
        ? (0, -(DaysOver ?? 0))
        : PossibleStatus == ClockStatus.Overdue
            ? (1, -(PossibleDaysOver ?? 0))
            : (2, DaysRemaining ?? int.MaxValue);

    public static ClockView From(ClockReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var rule = reading.Rule;
        return new ClockView(
            reading.Status,
            reading.PossibleStatus,
            reading.Describe(),
            reading is { Amount: { } amount, Unit: { } unit } ? LimitRule.FormatAmount(amount, unit) : null,
            rule?.LimitText,
            rule?.IsStatutory ?? false,
            string.IsNullOrWhiteSpace(rule?.LegalSource) ? null : rule.LegalSource,
            reading.DueDate,
            reading.DueEarliest,
            reading.IsApproximate,
            reading.DaysOver,
            reading.PossibleDaysOver,
            reading.DaysRemaining,
            reading.IsPaused,
            reading.PausedDays,
            reading.Extension?.Reason,
            reading.Extension?.GrantedOn,
            reading.NextReportDue,
            reading.ReportsDueSoFar);
    }
}
