using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Domain.Analysis;

/// <summary>One limit of a scenario: stages of this kind would have had to end within this many days or months of their start.</summary>
public sealed record ScenarioLimitTerms(StageKind Kind, int Amount, LimitUnit Unit);

/// <summary>
/// "What if these limits had applied": a named, saved set of limits per stage kind (and an optional cap on the whole
/// case, from the incident), compared with the rules in force. Shared with every analyst; never deleted, only archived.
/// A scenario limit is flat: it counts calendar days or months from the stage's start to its end (or today), without
/// the pauses and extensions the rules in force allow.
/// </summary>
public sealed class LimitScenario
{
    public const int MaxAmount = 3650;

    private readonly List<ScenarioLimit> _limits = [];

    private LimitScenario()
    {
        Name = string.Empty;
        CreatedBy = string.Empty;
        UpdatedBy = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    /// <summary>Optional cap on the whole case: from the incident to the end of its last stage (or today), in months.</summary>
    public int? OverallCapMonths { get; private set; }

    public IReadOnlyList<ScenarioLimit> Limits => _limits;

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public bool IsArchived { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every edit, so two analysts editing it never overwrite each other.</summary>
    public Guid Version { get; private set; }

    public static LimitScenario Create(string name, string? description, IEnumerable<ScenarioLimitTerms> limits, int? overallCapMonths, string by, DateTime nowUtc)
    {
        var scenario = new LimitScenario { CreatedBy = by, CreatedAtUtc = nowUtc };
        scenario.Change(name, description, limits, overallCapMonths, by, nowUtc);
        return scenario;
    }

    public void Change(string name, string? description, IEnumerable<ScenarioLimitTerms> limits, int? overallCapMonths, string by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A scenario needs a name.");
        }

        var terms = limits.ToList();
        if (terms.Count == 0 && overallCapMonths is null)
        {
            throw new DomainRuleException("A scenario needs at least one limit or an overall cap.");
        }

        if (terms.GroupBy(t => t.Kind).Any(g => g.Count() > 1))
        {
            throw new DomainRuleException("A scenario has one limit per stage kind.");
        }

        if (terms.Any(t => t.Amount is < 1 or > MaxAmount || t.Unit is not (LimitUnit.CalendarDays or LimitUnit.Months)) || overallCapMonths is < 1 or > 600)
        {
            throw new DomainRuleException("A scenario limit is a whole number of calendar days or months.");
        }

        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        OverallCapMonths = overallCapMonths;
        _limits.Clear();
        _limits.AddRange(terms.OrderBy(t => t.Kind).Select(t => new ScenarioLimit(t.Kind, t.Amount, t.Unit)));
        UpdatedBy = by;
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }

    public void Archive(string by, DateTime nowUtc)
    {
        IsArchived = true;
        UpdatedBy = by;
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
    }

    /// <summary>The day a stage that started on <paramref name="start"/> would have had to end by under <paramref name="limit"/>.</summary>
    public static DateOnly DueBy(DateOnly start, ScenarioLimitTerms limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return StageSpan.DueBy(start, limit.Amount, limit.Unit == LimitUnit.Months);
    }
}

/// <summary>A scenario's limit for one stage kind (stored in its own table, replaced whole when the scenario changes).</summary>
public sealed class ScenarioLimit
{
    private ScenarioLimit()
    {
    }

    internal ScenarioLimit(StageKind kind, int amount, LimitUnit unit)
    {
        Kind = kind;
        Amount = amount;
        Unit = unit;
    }

    public int Id { get; private set; }

    public int ScenarioId { get; private set; }

    public StageKind Kind { get; private set; }

    public int Amount { get; private set; }

    public LimitUnit Unit { get; private set; }

    public ScenarioLimitTerms Terms => new(Kind, Amount, Unit);
}
