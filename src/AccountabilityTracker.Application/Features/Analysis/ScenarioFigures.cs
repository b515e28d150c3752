using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>The SQL behind the scenario report and its exports.</summary>
internal static class ScenarioFigures
{
    internal sealed class StageFacts
    {
        public StageKind Kind { get; init; }

        public string Force { get; init; } = string.Empty;

        public int? Year { get; init; }

        public OperationCategory Category { get; init; }

        public bool Assessed { get; init; }

        public bool Breach { get; init; }
    }

    internal sealed class CaseFacts
    {
        public string Force { get; init; } = string.Empty;

        public int? Year { get; init; }

        public OperationCategory Category { get; init; }

        public bool Breach { get; init; }

        public bool CapBreach { get; init; }

        public bool CapAssessed { get; init; }
    }

    internal sealed record BreachFacts(
        int Id, int CaseId, string Reference, string Title, string Force, DateOnly? IncidentOn, OperationCategory Category, StageKind Kind, string Label,
        DateOnly? StartOn, bool HasEnded, DateOnly? EndOn, ClockRecord Clock);

    public static IQueryable<Stage> Stages(TrackerDbContext db, GetScenario.Result scenario, CaseFilter filter)
    {
        var kinds = scenario.Limits.Select(l => l.Kind).ToList();
        var cases = filter.Apply(db.Cases.AsNoTracking());
        return filter.ApplyToStages(db.Stages.AsNoTracking().Where(s => cases.Any(c => c.Id == s.CaseId))).Where(s => kinds.Contains(s.Kind));
    }

    public static IQueryable<BreachFacts> Rows(TrackerDbContext db, GetScenario.Result scenario, CaseFilter filter, DateOnly today) =>
        Stages(db, scenario, filter).Where(ScenarioBreaches.Breach(scenario.Limits, today))
            .OrderBy(s => s.Case.Reference).ThenBy(s => s.StartOn).ThenBy(s => s.Id)
            .Select(s => new BreachFacts(s.Id, s.CaseId, s.Case.Reference, s.Case.Title, s.Case.Force, s.Case.IncidentOn, s.Case.Category, s.Kind, s.Label, s.StartOn, s.HasEnded, s.EndOn, s.Clock));

    public static GetScenarioReport.BreachRow ToBreach(BreachFacts row, GetScenario.Result scenario, LimitRuleBook.RuleSet rules, DateOnly today)
    {
        var limit = scenario.Limits.Single(l => l.Kind == row.Kind);
        var start = row.StartOn!.Value;
        var due = LimitScenario.DueBy(start, limit);
        var end = row.HasEnded ? row.EndOn!.Value : today;
        return new GetScenarioReport.BreachRow(
            row.Id, row.CaseId, row.Reference, row.Title, row.Force, row.IncidentOn?.Year, row.Category, row.Kind, row.Label, start, row.HasEnded ? row.EndOn : null,
            LimitRule.FormatAmount(limit.Amount, limit.Unit), due, end.DayNumber - due.DayNumber, row.Clock.ReadOn(today, rules.For(row.Kind)).Status);
    }

    public static async Task<GetScenarioReport.Figures> ComputeAsync(TrackerDbContext db, GetScenario.Result scenario, CaseFilter filter, LimitRuleBook.RuleSet rules, DateOnly today, CancellationToken cancellationToken)
    {
        var breach = ScenarioBreaches.Breach(scenario.Limits, today);
        var ruleBreach = ScenarioBreaches.RuleBreach(today);
        var stages = Stages(db, scenario, filter);

        // Stage counts per kind, force, year and category; every dimension is rolled up from these. (EF cannot read the
        // stored clock, a complex type, inside a grouped count, so the rule-in-force breaches are a second, filtered count.)
        var projection = ScenarioBreaches.Inline<Stage, StageFacts>(
            s => new StageFacts
            {
                Kind = s.Kind,
                Force = s.Case.Force,
                Year = s.Case.IncidentOn == null ? null : s.Case.IncidentOn.Value.Year,
                Category = s.Case.Category,
                Assessed = ScenarioBreaches.Flag(0),
                Breach = ScenarioBreaches.Flag(1),
            },
            ScenarioBreaches.Assessed, breach);
        var counted = await stages.Select(projection)
            .GroupBy(f => new { f.Kind, f.Force, f.Year, f.Category })
            .Select(g => new
            {
                g.Key.Kind, g.Key.Force, g.Key.Year, g.Key.Category,
                Stages = g.Count(),
                Assessed = g.Count(f => f.Assessed),
                Breaches = g.Count(f => f.Breach),
            })
            .ToListAsync(cancellationToken);
        var ruleCounted = await stages.Where(ruleBreach)
            .GroupBy(s => new { s.Kind, s.Case.Force, Year = s.Case.IncidentOn == null ? (int?)null : s.Case.IncidentOn.Value.Year, s.Case.Category })
            .Select(g => new { g.Key.Kind, g.Key.Force, g.Key.Year, g.Key.Category, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ruleByKey = ruleCounted.ToDictionary(r => (r.Kind, r.Force, r.Year, r.Category), r => r.Count);
        var combos = counted.Select(c => new
        {
            c.Kind, c.Force, c.Year, c.Category, c.Stages, c.Assessed, c.Breaches,
            RuleBreaches = ruleByKey.GetValueOrDefault((c.Kind, c.Force, c.Year, c.Category)),
        }).ToList();

        // Distinct cases per kind cannot be added up from the combinations: counted apart.
        var scenarioCasesByKind = await stages.Where(breach).GroupBy(s => s.Kind)
            .Select(g => new { Kind = g.Key, Cases = g.Select(s => s.CaseId).Distinct().Count() }).ToDictionaryAsync(x => x.Kind, x => x.Cases, cancellationToken);
        var ruleCasesByKind = await stages.Where(ruleBreach).GroupBy(s => s.Kind)
            .Select(g => new { Kind = g.Key, Cases = g.Select(s => s.CaseId).Distinct().Count() }).ToDictionaryAsync(x => x.Kind, x => x.Cases, cancellationToken);

        // Case counts for the case-level dimensions and the overall cap.
        var breaching = stages.Where(breach);
        var ruleBreaching = stages.Where(ruleBreach);
        var capped = scenario.OverallCapMonths is not null;
        var caseRule = ScenarioBreaches.CaseRuleBreach(today);
        Expression<Func<Case, bool>> capAssessed = c => capped && c.IncidentOn != null && c.IncidentPrecision == Domain.Dates.DatePrecision.Day;
        Expression<Func<Case, bool>> anyBreach = c => breaching.Any(s => s.CaseId == c.Id);
        var caseProjection = ScenarioBreaches.Inline<Case, CaseFacts>(
            c => new CaseFacts
            {
                Force = c.Force,
                Year = c.IncidentOn == null ? null : c.IncidentOn.Value.Year,
                Category = c.Category,
                Breach = ScenarioBreaches.Flag(0) || ScenarioBreaches.Flag(1),
                CapBreach = ScenarioBreaches.Flag(1),
                CapAssessed = ScenarioBreaches.Flag(2),
            },
            anyBreach, ScenarioBreaches.CapBreach(scenario.OverallCapMonths, today), capAssessed);
        var filtered = filter.Apply(db.Cases.AsNoTracking());
        var caseCounted = await filtered.Select(caseProjection)
            .GroupBy(f => new { f.Force, f.Year, f.Category })
            .Select(g => new
            {
                g.Key.Force, g.Key.Year, g.Key.Category,
                Cases = g.Count(),
                Breaches = g.Count(f => f.Breach),
                CapBreaches = g.Count(f => f.CapBreach),
                CapAssessed = g.Count(f => f.CapAssessed),
            })
            .ToListAsync(cancellationToken);
        var ruleCases = filtered.Where(c => ruleBreaching.Any(s => s.CaseId == c.Id));
        if (capped)
        {
            ruleCases = ruleCases.Union(filtered.Where(caseRule));
        }

        var caseRuleCounted = await ruleCases
            .GroupBy(c => new { c.Force, Year = c.IncidentOn == null ? (int?)null : c.IncidentOn.Value.Year, c.Category })
            .Select(g => new { g.Key.Force, g.Key.Year, g.Key.Category, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var capRuleBreaches = capped ? await filtered.Where(caseRule).CountAsync(cancellationToken) : 0;
        var caseRuleByKey = caseRuleCounted.ToDictionary(r => (r.Force, r.Year, r.Category), r => r.Count);
        var caseCombos = caseCounted.Select(c => new
        {
            c.Force, c.Year, c.Category, c.Cases, c.Breaches, c.CapBreaches, c.CapAssessed,
            RuleBreaches = caseRuleByKey.GetValueOrDefault((c.Force, c.Year, c.Category)),
        }).ToList();

        var limits = new List<GetScenarioReport.LimitRow>();
        foreach (var limit in scenario.Limits)
        {
            var of = combos.Where(c => c.Kind == limit.Kind).ToList();
            limits.Add(new GetScenarioReport.LimitRow(
                limit.Kind.ToString(), limit.Kind.DisplayName(), LimitRule.FormatAmount(limit.Amount, limit.Unit), rules.For(limit.Kind)?.LimitText ?? "no limit",
                of.Sum(c => c.Stages), of.Sum(c => c.Assessed), of.Sum(c => c.Breaches), scenarioCasesByKind.GetValueOrDefault(limit.Kind),
                of.Sum(c => c.RuleBreaches), ruleCasesByKind.GetValueOrDefault(limit.Kind)));
        }

        if (scenario.OverallCapMonths is { } cap)
        {
            var cases = caseCombos.Sum(c => c.Cases);
            limits.Add(new GetScenarioReport.LimitRow(
                "WholeCase", "Whole case (incident to close)", LimitRule.FormatAmount(cap, LimitUnit.Months), rules.WholeCase?.LimitText ?? "no limit",
                cases, caseCombos.Sum(c => c.CapAssessed), caseCombos.Sum(c => c.CapBreaches), caseCombos.Sum(c => c.CapBreaches),
                capRuleBreaches, capRuleBreaches));
        }

        var groups = new List<GetScenarioReport.GroupRow>();
        groups.AddRange(combos.GroupBy(c => c.Kind).OrderBy(g => g.Key.DisplayName(), StringComparer.Ordinal).Select(g => new GetScenarioReport.GroupRow(
            "StageKind", g.Key.ToString(), g.Key.DisplayName(), g.Sum(c => c.Stages), g.Sum(c => c.Assessed), g.Sum(c => c.Breaches), g.Sum(c => c.RuleBreaches),
            0, scenarioCasesByKind.GetValueOrDefault(g.Key), ruleCasesByKind.GetValueOrDefault(g.Key))));
        AddCaseDimension(groups, "Force", combos.Select(c => (c.Force, c.Force, c.Stages, c.Assessed, c.Breaches, c.RuleBreaches)), caseCombos.Select(c => (c.Force, c.Cases, c.Breaches, c.RuleBreaches)));
        AddCaseDimension(groups, "IncidentYear", combos.Select(c => (YearCode(c.Year), YearCode(c.Year), c.Stages, c.Assessed, c.Breaches, c.RuleBreaches)), caseCombos.Select(c => (YearCode(c.Year), c.Cases, c.Breaches, c.RuleBreaches)));
        AddCaseDimension(groups, "Category", combos.Select(c => (c.Category.ToString(), c.Category.DisplayName(), c.Stages, c.Assessed, c.Breaches, c.RuleBreaches)), caseCombos.Select(c => (c.Category.ToString(), c.Cases, c.Breaches, c.RuleBreaches)));

        return new GetScenarioReport.Figures(
            limits, groups, caseCombos.Sum(c => c.Cases), caseCombos.Sum(c => c.Breaches), caseCombos.Sum(c => c.RuleBreaches), combos.Sum(c => c.Breaches));
    }

    private static string YearCode(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    private static void AddCaseDimension(
        List<GetScenarioReport.GroupRow> groups,
        string dimension,
        IEnumerable<(string Code, string Label, int Stages, int Assessed, int Breaches, int RuleBreaches)> stages,
        IEnumerable<(string Code, int Cases, int Breaches, int RuleBreaches)> cases)
    {
        var caseCounts = cases.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => (Cases: g.Sum(c => c.Cases), Breaches: g.Sum(c => c.Breaches), Rules: g.Sum(c => c.RuleBreaches)), StringComparer.Ordinal);
        var stageCounts = stages.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => (Label: g.First().Label, Stages: g.Sum(s => s.Stages), Assessed: g.Sum(s => s.Assessed), Breaches: g.Sum(s => s.Breaches), Rules: g.Sum(s => s.RuleBreaches)), StringComparer.Ordinal);
        foreach (var code in stageCounts.Keys.Order(StringComparer.Ordinal))
        {
            var s = stageCounts[code];
            var c = caseCounts.GetValueOrDefault(code);
            groups.Add(new GetScenarioReport.GroupRow(dimension, code, s.Label, s.Stages, s.Assessed, s.Breaches, s.Rules, c.Cases, c.Breaches, c.Rules));
        }
    }
}
