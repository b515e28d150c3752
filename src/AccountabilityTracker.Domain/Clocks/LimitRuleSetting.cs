using System.Globalization;

using AccountabilityTracker.Domain.Cases;

namespace AccountabilityTracker.Domain.Clocks;

/// <summary>The values an administrator sets for one limit rule.</summary>
public sealed record LimitRuleValues(
    bool IsEnabled,
    int Amount,
    LimitUnit Unit,
    ClockAnchor Anchor,
    int WarningPercent,
    int? FirstReportAfterMonths,
    int? ReportEveryMonths,
    string LegalSource,
    bool IsStatutory);

/// <summary>
/// The stored limit rule for one stage kind, or (with no <see cref="StageKind"/>) for the whole case. There is one per
/// stage kind plus one for the whole case; a disabled rule keeps its values but measures nothing. Every change is
/// returned as <see cref="LimitRuleChange"/> entries, one per field, for the audit table.
/// </summary>
public sealed class LimitRuleSetting
{
    public const string WholeCaseKey = "WholeCase";

    private LimitRuleSetting()
    {
        Key = string.Empty;
        LegalSource = string.Empty;
        UpdatedBy = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The stage kind's name, or <see cref="WholeCaseKey"/>: unique, used in URLs and configuration.</summary>
    public string Key { get; private set; }

    public StageKind? StageKind { get; private set; }

    /// <summary>An event-to-event rule's first milestone type (null for a stage or whole-case rule).</summary>
    public MilestoneType? FromMilestone { get; private set; }

    public MilestoneType? ToMilestone { get; private set; }

    /// <summary>An event-to-event rule's jurisdiction (a stage kind's rule takes its kind's).</summary>
    public Jurisdiction? EventJurisdiction { get; private set; }

    public bool IsEventRule => FromMilestone is not null;

    public bool IsWholeCase => StageKind is null && !IsEventRule;

    public bool IsEnabled { get; private set; }

    public int Amount { get; private set; }

    public LimitUnit Unit { get; private set; }

    public ClockAnchor Anchor { get; private set; }

    public int WarningPercent { get; private set; }

    public int? FirstReportAfterMonths { get; private set; }

    public int? ReportEveryMonths { get; private set; }

    public string LegalSource { get; private set; }

    public bool IsStatutory { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public string UpdatedBy { get; private set; }

    /// <summary>Optimistic concurrency token, renewed on every change.</summary>
    public Guid Version { get; private set; }

    public string DisplayName => IsEventRule ? EventDisplayName(FromMilestone!.Value, ToMilestone!.Value, EventJurisdiction!.Value) : DisplayNameFor(StageKind);

    public LimitRuleValues Values => new(IsEnabled, Amount, Unit, Anchor, WarningPercent, FirstReportAfterMonths, ReportEveryMonths, LegalSource, IsStatutory);

    public static string KeyFor(StageKind? kind) => kind?.ToString() ?? WholeCaseKey;

    public static string DisplayNameFor(StageKind? kind) => kind?.DisplayName() ?? "Whole case";

    /// <summary>An event-to-event rule's key: "PapersToChair-PreHearingHeld-EW" (EW, SC or NI).</summary>
    public static string EventKeyFor(MilestoneType from, MilestoneType to, Jurisdiction jurisdiction) =>
        string.Create(CultureInfo.InvariantCulture, $"{from}-{to}-{JurisdictionCode(jurisdiction)}");

    public static string EventDisplayName(MilestoneType from, MilestoneType to, Jurisdiction jurisdiction) =>
        $"{from.DisplayName()} → {to.DisplayName().ToLowerInvariant()} ({jurisdiction.DisplayName()})";

    /// <summary>Reads an event-to-event rule's key back.</summary>
    public static bool TryParseEventKey(string? key, out MilestoneType from, out MilestoneType to, out Jurisdiction jurisdiction)
    {
        (from, to, jurisdiction) = (default, default, default);
        var parts = key?.Split('-') ?? [];
        if (parts.Length != 3
            || !Enum.TryParse(parts[0], ignoreCase: true, out from) || !Enum.IsDefined(from) || int.TryParse(parts[0], out _) || from == MilestoneType.Other
            || !Enum.TryParse(parts[1], ignoreCase: true, out to) || !Enum.IsDefined(to) || int.TryParse(parts[1], out _) || to == MilestoneType.Other)
        {
            return false;
        }

        Jurisdiction? parsed = parts[2].ToUpperInvariant() switch
        {
            "EW" => Jurisdiction.EnglandAndWales,
            "SC" => Jurisdiction.Scotland,
            "NI" => Jurisdiction.NorthernIreland,
            _ => null,
        };
        jurisdiction = parsed ?? default;
        return parsed is not null;
    }

    /// <summary>A stage kind's name, <see cref="WholeCaseKey"/>, or an event-to-event rule's key.</summary>
    public static bool IsKey(string? key) => TryParseKey(key, out _) || TryParseEventKey(key, out _, out _, out _);

    private static string JurisdictionCode(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Scotland => "SC",
        Jurisdiction.NorthernIreland => "NI",
        _ => "EW",
    };

    /// <summary>Reads a key back: a stage kind's name or <see cref="WholeCaseKey"/>.</summary>
    public static bool TryParseKey(string? key, out StageKind? kind)
    {
        kind = null;
        if (string.Equals(key, WholeCaseKey, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (Enum.TryParse<StageKind>(key, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(key, out _))
        {
            kind = parsed;
            return true;
        }

        return false;
    }

    public static LimitRuleSetting Create(StageKind? kind, LimitRuleValues values, string createdBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(values);
        ThrowIfInvalid(kind, values);
        var setting = new LimitRuleSetting { Key = KeyFor(kind), StageKind = kind };
        setting.Apply(values, createdBy, nowUtc);
        return setting;
    }

    /// <summary>A rule that runs from one milestone type to another on cases of one jurisdiction.</summary>
    public static LimitRuleSetting CreateEventRule(MilestoneType from, MilestoneType to, Jurisdiction jurisdiction, LimitRuleValues values, string createdBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (from == MilestoneType.Other || to == MilestoneType.Other || from == to || !Enum.IsDefined(from) || !Enum.IsDefined(to) || !Enum.IsDefined(jurisdiction))
        {
            throw new DomainRuleException("An event-to-event rule runs from one milestone type to another.");
        }

        ThrowIfInvalid(null, values, eventRule: true);
        var setting = new LimitRuleSetting { Key = EventKeyFor(from, to, jurisdiction), FromMilestone = from, ToMilestone = to, EventJurisdiction = jurisdiction };
        setting.Apply(values, createdBy, nowUtc);
        return setting;
    }

    /// <summary>Applies new values and returns one audit entry per field that changed (none when nothing did).</summary>
    public IReadOnlyList<LimitRuleChange> Change(LimitRuleValues values, string changedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(values);
        ThrowIfInvalid(StageKind, values, IsEventRule);
        var before = Values;
        var after = values with { LegalSource = values.LegalSource.Trim() };
        var changes = new List<LimitRuleChange>();

        void Compare<T>(string field, T old, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(old, now))
            {
                changes.Add(new LimitRuleChange(Key, field, Format(old), Format(now), changedBy, nowUtc));
            }
        }

        Compare(nameof(IsEnabled), before.IsEnabled, after.IsEnabled);
        Compare(nameof(Amount), before.Amount, after.Amount);
        Compare(nameof(Unit), before.Unit, after.Unit);
        Compare(nameof(Anchor), before.Anchor, after.Anchor);
        Compare(nameof(WarningPercent), before.WarningPercent, after.WarningPercent);
        Compare(nameof(FirstReportAfterMonths), before.FirstReportAfterMonths, after.FirstReportAfterMonths);
        Compare(nameof(ReportEveryMonths), before.ReportEveryMonths, after.ReportEveryMonths);
        Compare(nameof(LegalSource), before.LegalSource, after.LegalSource);
        Compare(nameof(IsStatutory), before.IsStatutory, after.IsStatutory);

        if (changes.Count > 0)
        {
            Apply(after, changedBy, nowUtc);
        }

        return changes;
    }

    /// <summary>The rule the clocks use; null when the rule is switched off.</summary>
    public LimitRule? ToRule() => IsEnabled
        ? new LimitRule
        {
            StageKind = StageKind,
            Amount = Amount,
            Unit = Unit,
            Anchor = Anchor,
            WarningPercent = WarningPercent,
            FirstReportAfterMonths = FirstReportAfterMonths,
            ReportEveryMonths = ReportEveryMonths,
            LegalSource = LegalSource,
            IsStatutory = IsStatutory,
            FromMilestone = FromMilestone,
            ToMilestone = ToMilestone,
            Jurisdiction = EventJurisdiction ?? StageKind?.RuleJurisdiction() ?? Jurisdiction.EnglandAndWales,
        }
        : null;

    private static string? Format<T>(T value) => value switch
    {
        null => null,
        bool flag => flag ? "yes" : "no",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void ThrowIfInvalid(StageKind? kind, LimitRuleValues values, bool eventRule = false)
    {
        var errors = LimitRule.Validate(kind, values.Amount, values.Unit, values.Anchor, values.WarningPercent, values.FirstReportAfterMonths, values.ReportEveryMonths, eventRule);
        if (errors.Count > 0)
        {
            throw new DomainRuleException(string.Join(" ", errors.Select(e => e.Message)));
        }
    }

    private void Apply(LimitRuleValues values, string by, DateTime nowUtc)
    {
        IsEnabled = values.IsEnabled;
        Amount = values.Amount;
        Unit = values.Unit;
        Anchor = values.Anchor;
        WarningPercent = values.WarningPercent;
        FirstReportAfterMonths = values.FirstReportAfterMonths;
        ReportEveryMonths = values.ReportEveryMonths;
        LegalSource = values.LegalSource.Trim();
        IsStatutory = values.IsStatutory;
        UpdatedBy = by;
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }
}

/// <summary>One field of one limit rule changed by one person: the append-only audit of rule changes.</summary>
public sealed class LimitRuleChange
{
    private LimitRuleChange()
    {
        RuleKey = string.Empty;
        Field = string.Empty;
        ChangedBy = string.Empty;
    }

    internal LimitRuleChange(string ruleKey, string field, string? oldValue, string? newValue, string changedBy, DateTime changedAtUtc)
    {
        RuleKey = ruleKey;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
    }

    public long Id { get; private set; }

    public string RuleKey { get; private set; }

    public string Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string ChangedBy { get; private set; }

    public DateTime ChangedAtUtc { get; private set; }
}
