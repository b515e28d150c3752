using System.Globalization;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// The "Clocks" configuration section: the default limit rules seeded into the database on first start (after that,
/// administrators edit them in the app) and changes to the England &amp; Wales bank holidays.
/// </summary>
public sealed class ClockOptions
{
    public const string Section = "Clocks";

    /// <summary>Keyed by stage kind name (e.g. "Inquest") or "WholeCase".</summary>
    public Dictionary<string, LimitRuleDefault> Rules { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public BankHolidayOptions BankHolidays { get; init; } = new();

    /// <summary>Problems with the configured values, each naming its setting; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (key, rule) in Rules)
        {
            if (!LimitRuleSetting.TryParseKey(key, out var kind))
            {
                problems.Add(string.Format(
                    CultureInfo.InvariantCulture,
                    "Setting {0}:Rules:{1} is not a stage kind: use one of {2} or {3}.",
                    Section,
                    key,
                    string.Join(", ", Enum.GetNames<StageKind>()),
                    LimitRuleSetting.WholeCaseKey));
                continue;
            }

            var values = rule.ToValues(kind);
            problems.AddRange(LimitRule.Validate(kind, values.Amount, values.Unit, values.Anchor, values.WarningPercent, values.FirstReportAfterMonths, values.ReportEveryMonths)
                .Select(e => string.Format(CultureInfo.InvariantCulture, "Setting {0}:Rules:{1}:{2}: {3}", Section, key, e.Property, e.Message)));
        }

        problems.AddRange(BankHolidays.Problems(Section));
        return problems;
    }

    /// <summary>The seed values for every stage kind and the whole case; a kind missing from configuration is seeded switched off.</summary>
    public IEnumerable<(StageKind? Kind, LimitRuleValues Values)> SeedValues()
    {
        var kinds = Enum.GetValues<StageKind>().Select(k => (StageKind?)k).Append(null);
        foreach (var kind in kinds)
        {
            var configured = Rules.TryGetValue(LimitRuleSetting.KeyFor(kind), out var rule)
                ? rule
                : new LimitRuleDefault { Enabled = false, Amount = 12, Unit = LimitUnit.Months };
            yield return (kind, configured.ToValues(kind));
        }
    }

    public WorkingDayCalendar BuildCalendar() =>
        new(new Domain.Clocks.BankHolidays(BankHolidays.AddedDates, BankHolidays.RemovedDates));
}

/// <summary>One default rule as written in configuration.</summary>
public sealed class LimitRuleDefault
{
    public bool Enabled { get; set; } = true;

    public int Amount { get; set; }

    public LimitUnit Unit { get; set; }

    /// <summary>Defaults to the stage start, or the incident for the whole-case rule.</summary>
    public ClockAnchor? Anchor { get; set; }

    public int WarningPercent { get; set; } = LimitRule.DefaultWarningPercent;

    public int? FirstReportAfterMonths { get; set; }

    public int? ReportEveryMonths { get; set; }

    public string? LegalSource { get; set; }

    public bool IsStatutory { get; set; }

    public LimitRuleValues ToValues(StageKind? kind) => new(
        Enabled,
        Amount,
        Unit,
        Anchor ?? (kind is null ? ClockAnchor.IncidentDate : ClockAnchor.StageStart),
        WarningPercent,
        FirstReportAfterMonths,
        ReportEveryMonths,
        LegalSource ?? string.Empty,
        IsStatutory);
}

/// <summary>
/// Bank holidays to add (a newly proclaimed day) or remove (a moved one), on top of the built-in rules, as ISO dates
/// ("2026-12-29"). Kept as text so a mistyped date stops start-up by name (the binder would silently drop it).
/// </summary>
public sealed class BankHolidayOptions
{
    public List<string> Add { get; init; } = [];

    public List<string> Remove { get; init; } = [];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public IEnumerable<string> Problems(string section)
    {
        foreach (var (list, name) in new[] { (Add, nameof(Add)), (Remove, nameof(Remove)) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!TryParse(list[i], out var day))
                {
                    yield return string.Format(CultureInfo.InvariantCulture, "Setting {0}:BankHolidays:{1}:{2} is '{3}', not a date: write it as yyyy-MM-dd.", section, name, i, list[i]);
                }
                else if (day.Year < Domain.Clocks.BankHolidays.FirstSupportedYear)
                {
                    yield return string.Format(CultureInfo.InvariantCulture, "Setting {0}:BankHolidays:{1}:{2} is before {3}, the first year the tracker counts.", section, name, i, Domain.Clocks.BankHolidays.FirstSupportedYear);
                }
            }
        }
    }

    public IEnumerable<DateOnly> AddedDates => ParseAll(Add);

    public IEnumerable<DateOnly> RemovedDates => ParseAll(Remove);

    private static IEnumerable<DateOnly> ParseAll(IEnumerable<string> texts) =>
        texts.Select(t => TryParse(t, out var d) ? d : (DateOnly?)null).OfType<DateOnly>();
}
