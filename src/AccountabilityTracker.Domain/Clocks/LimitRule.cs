using System.Globalization;

using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.Domain.Clocks;

/// <summary>One problem with a limit rule's values, named by property so a form can show it beside the field.</summary>
public readonly record struct LimitRuleError(string Property, string Message);

/// <summary>
/// A time limit for a kind of stage (or, with no <see cref="StageKind"/>, for the whole case), as an administrator
/// configured it. Values are not checked on construction: call <see cref="Validate()"/> before use.
/// </summary>
public sealed record LimitRule
{
    public const int DefaultWarningPercent = 80;

    /// <summary>Keeps dates inside <see cref="DateOnly"/>'s range: a century is more than any real limit.</summary>
    public const int MaximumAmount = 36_500;

    /// <summary>The stage kind the rule measures; null for a rule over the whole case.</summary>
    public StageKind? StageKind { get; init; }

    public required int Amount { get; init; }

    public required LimitUnit Unit { get; init; }

    public ClockAnchor Anchor { get; init; } = ClockAnchor.StageStart;

    /// <summary>The share of the limit (1–99%) after which a running stage counts as approaching.</summary>
    public int WarningPercent { get; init; } = DefaultWarningPercent;

    /// <summary>Months after the start when a progress report falls due if the stage is still running.</summary>
    public int? FirstReportAfterMonths { get; init; }

    /// <summary>Months between later reports; null when only the first report is required.</summary>
    public int? ReportEveryMonths { get; init; }

    /// <summary>Where the limit comes from, e.g. "SI 2020/2 reg 13"; empty for a user-set limit.</summary>
    public string LegalSource { get; init; } = string.Empty;

    public bool IsStatutory { get; init; }

    /// <summary>For an event-to-event rule: the milestone type the clock runs from (e.g. papers to chair).</summary>
    public MilestoneType? FromMilestone { get; init; }

    /// <summary>For an event-to-event rule: the milestone type that stops the clock (e.g. pre-hearing held).</summary>
    public MilestoneType? ToMilestone { get; init; }

    public bool IsEventRule => FromMilestone is not null;

    /// <summary>The jurisdiction whose cases the rule measures; its working days count that jurisdiction's bank holidays.</summary>
    public Jurisdiction Jurisdiction { get; init; } = Jurisdiction.EnglandAndWales;

    public bool HasReports => FirstReportAfterMonths is not null;

    /// <summary>The limit in words: "12 months", "15 working days", "1 calendar day".</summary>
    public string LimitText => FormatAmount(Amount, Unit);

    public static string FormatAmount(int amount, LimitUnit unit)
    {
        var noun = unit switch
        {
            LimitUnit.CalendarDays => amount == 1 ? "calendar day" : "calendar days",
            LimitUnit.Months => amount == 1 ? "month" : "months",
            LimitUnit.WorkingDays => amount == 1 ? "working day" : "working days",
            _ => "units",
        };
        return string.Format(CultureInfo.InvariantCulture, "{0:N0} {1}", amount, noun);
    }

    /// <summary>The problems with this rule's values; empty when it can be used.</summary>
    public IReadOnlyList<LimitRuleError> Validate() =>
        Validate(StageKind, Amount, Unit, Anchor, WarningPercent, FirstReportAfterMonths, ReportEveryMonths, IsEventRule);

    /// <summary>Checks raw values (e.g. from a form) before a rule is built from them.</summary>
    public static IReadOnlyList<LimitRuleError> Validate(
        StageKind? stageKind,
        int amount,
        LimitUnit unit,
        ClockAnchor anchor,
        int warningPercent,
        int? firstReportAfterMonths,
        int? reportEveryMonths,
        bool eventRule = false)
    {
        var errors = new List<LimitRuleError>();
        if (stageKind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add(new(nameof(StageKind), "Choose a stage kind from the list, or none for a whole-case limit."));
        }

        if (amount <= 0)
        {
            errors.Add(new(nameof(Amount), "The limit must be at least 1."));
        }
        else if (amount > MaximumAmount)
        {
            errors.Add(new(nameof(Amount), string.Format(CultureInfo.InvariantCulture, "The limit can be at most {0:N0}.", MaximumAmount)));
        }

        if (!Enum.IsDefined(unit))
        {
            errors.Add(new(nameof(Unit), "Choose calendar days, months or working days."));
        }

        if (!Enum.IsDefined(anchor))
        {
            errors.Add(new(nameof(Anchor), "Choose whether the clock counts from the stage start or the incident."));
        }
        else if (eventRule && anchor != ClockAnchor.StageStart)
        {
            errors.Add(new(nameof(Anchor), "An event-to-event limit counts from its first event: choose the stage start (the event)."));
        }
        else if (stageKind is null && !eventRule && anchor == ClockAnchor.StageStart)
        {
            errors.Add(new(nameof(Anchor), "A whole-case limit has no stage to start from: count it from the incident."));
        }

        if (warningPercent is < 1 or > 99)
        {
            errors.Add(new(nameof(WarningPercent), "The warning point must be between 1% and 99% of the limit."));
        }

        if (firstReportAfterMonths is { } first && (first <= 0 || first > 1200))
        {
            errors.Add(new(nameof(FirstReportAfterMonths), "The first report must fall between 1 and 1,200 months after the start."));
        }

        if (reportEveryMonths is { } every)
        {
            if (every <= 0 || every > 1200)
            {
                errors.Add(new(nameof(ReportEveryMonths), "Reports must be between 1 and 1,200 months apart."));
            }

            if (firstReportAfterMonths is null)
            {
                errors.Add(new(nameof(ReportEveryMonths), "Say when the first report is due before saying how often later ones are."));
            }
        }

        return errors;
    }
}
