using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// The limit rules in force, read once per request (scope) through the <see cref="ReadCache"/>: a rule change
/// changes the data version, so every instance reads the new rules on its next request.
/// </summary>
public sealed class LimitRuleBook(TrackerDbContext db, ReadCache cache)
{
    private RuleSet? _rules;

    public async Task<RuleSet> GetAsync(CancellationToken cancellationToken)
    {
        if (_rules is null)
        {
            _rules = await cache.GetAsync(db, "limit-rules", ct => LoadAsync(db, ct), cancellationToken);
        }

        return _rules;
    }

    /// <summary>The rules as stored now, without the cache (the clock recorder reads them inside its transaction).</summary>
    internal static async Task<RuleSet> LoadAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.LimitRules.AsNoTracking().ToListAsync(cancellationToken);
        return new RuleSet(settings.Select(s => s.ToRule()).OfType<LimitRule>().ToList());
    }

    /// <summary>The enabled rules: at most one per stage kind, and one for the whole case.</summary>
    public sealed class RuleSet
    {
        private readonly Dictionary<StageKind, LimitRule> _byKind;

        public RuleSet(IReadOnlyList<LimitRule> rules)
        {
            ArgumentNullException.ThrowIfNull(rules);
            _byKind = rules.Where(r => r.StageKind is not null).ToDictionary(r => r.StageKind!.Value);
            WholeCase = rules.FirstOrDefault(r => r.StageKind is null && !r.IsEventRule);
            _events = rules.Where(r => r.IsEventRule).GroupBy(r => (r.FromMilestone!.Value, r.Jurisdiction)).ToDictionary(g => g.Key, g => g.First());
        }

        private readonly Dictionary<(MilestoneType, Jurisdiction), LimitRule> _events;

        public IReadOnlyCollection<LimitRule> EventRules => _events.Values;

        /// <summary>The event-to-event rule that runs from a milestone of <paramref name="type"/> on a case in <paramref name="jurisdiction"/>.</summary>
        public LimitRule? ForMilestone(MilestoneType type, Jurisdiction jurisdiction) => _events.GetValueOrDefault((type, jurisdiction));

        public LimitRule? WholeCase { get; }

        public IReadOnlyCollection<LimitRule> StageRules => _byKind.Values;

        public LimitRule? For(StageKind kind) => _byKind.GetValueOrDefault(kind);

        /// <summary>The rule for a stage of a case in <paramref name="jurisdiction"/>: a kind's rule belongs to one jurisdiction only.</summary>
        public LimitRule? For(StageKind kind, Jurisdiction jurisdiction) => kind.RuleJurisdiction() == jurisdiction ? For(kind) : null;

        /// <summary>The whole-case rule is England &amp; Wales's: no whole-case rule exists for Scotland or Northern Ireland.</summary>
        public LimitRule? WholeCaseFor(Jurisdiction jurisdiction) => jurisdiction == Jurisdiction.EnglandAndWales ? WholeCase : null;
    }
}
