using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// The limit rules in force, read from the database once per request (scope). Statuses are never stored: each read
/// evaluates against the rules as they are now, so a rule change shows everywhere at once.
/// </summary>
public sealed class LimitRuleBook(TrackerDbContext db)
{
    private RuleSet? _rules;

    public async Task<RuleSet> GetAsync(CancellationToken cancellationToken)
    {
        if (_rules is null)
        {
            var settings = await db.LimitRules.AsNoTracking().ToListAsync(cancellationToken);
            _rules = new RuleSet(settings.Select(s => s.ToRule()).OfType<LimitRule>().ToList());
        }

        return _rules;
    }

    /// <summary>The enabled rules: at most one per stage kind, and one for the whole case.</summary>
    public sealed class RuleSet
    {
        private readonly Dictionary<StageKind, LimitRule> _byKind;

        public RuleSet(IReadOnlyList<LimitRule> rules)
        {
            ArgumentNullException.ThrowIfNull(rules);
            _byKind = rules.Where(r => r.StageKind is not null).ToDictionary(r => r.StageKind!.Value);
            WholeCase = rules.FirstOrDefault(r => r.StageKind is null);
        }

        public LimitRule? WholeCase { get; }

        public IReadOnlyCollection<LimitRule> StageRules => _byKind.Values;

        public LimitRule? For(StageKind kind) => _byKind.GetValueOrDefault(kind);
    }
}
