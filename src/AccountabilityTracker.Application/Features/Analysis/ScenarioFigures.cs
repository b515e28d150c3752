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

/// <summary>
/// The counting behind the scenario report and its exports. Two narrow reads, each one pass in SQL with every yes/no
/// worked out there from the stored durations, dates and clocks (<see cref="ScenarioBreaches"/>): the filtered cases
/// (their group keys and the overall cap), and the stages of the scenario's kinds (whether each is assessed, breaches
/// the scenario, breaches the rule in force). Everything else (counts per kind, force, year and category, distinct
/// cases, the order of the breaching stages) is added up here as the rows are read. At 100,000 cases that is one pass over
/// each table, where grouping in SQL took eight passes with joins (docs/performance.md).
/// </summary>
internal static class ScenarioFigures
{
    /// <summary>One stage as read: at 100,000 cases some 200,000 of these, so the yes/no answers come packed in one column.</summary>
    internal sealed class StageFacts
    {
        public int Id { get; init; }

        public int CaseId { get; init; }

        /// <summary>The start, read for breaching stages only (it orders them).</summary>
        public DateOnly? BreachStartOn { get; init; }

        /// <summary>1: assessed; 2: would breach the scenario; 4: breached the rule in force; then 8 × the position of its kind among the limits.</summary>
        public int Flags { get; init; }

        public int KindPosition => Flags >> 3;

        public bool Assessed => (Flags & 1) != 0;

        public bool Breach => (Flags & 2) != 0;

        public bool RuleBreach => (Flags & 4) != 0;
    }

    internal sealed class CaseFacts
    {
        public int Id { get; init; }

        public string Reference { get; init; } = string.Empty;

        public string Force { get; init; } = string.Empty;

        public int? Year { get; init; }

        public OperationCategory Category { get; init; }

        /// <summary>1: the overall cap can be assessed; 2: the case would breach it; 4: the case breached the whole-case rule in force (counted only with a cap).</summary>
        public int Flags { get; init; }

        public bool CapAssessed => (Flags & 1) != 0;

        public bool CapBreach => (Flags & 2) != 0;

        public bool CapRuleBreach => (Flags & 4) != 0;
    }

    /// <summary>Stages of one kind in one case group: how many, assessed, breaching the scenario, breaching the rule in force.</summary>
    private struct StageTally
    {
        public int Stages;
        public int Assessed;
        public int Breaches;
        public int RuleBreaches;
    }

    /// <summary>The figures, and every breaching stage's id in the order pages and exports list them (case reference, start, id).</summary>
    internal sealed record Computed(GetScenarioReport.Figures Figures, IReadOnlyList<int> BreachOrder);

    internal sealed record BreachFacts(
        int Id, int CaseId, string Reference, string Title, string Force, DateOnly? IncidentOn, OperationCategory Category, StageKind Kind, string Label,
        DateOnly? StartOn, bool HasEnded, DateOnly? EndOn, ClockRecord Clock);

    /// <summary>The scenario's figures for these filters, from the read cache while the data, the scenario and the day stay the same.</summary>
    public static Task<Computed> GetAsync(TrackerDbContext db, ReadCache cache, GetScenario.Result scenario, CaseFilter filter, LimitRuleBook.RuleSet rules, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var key = string.Create(CultureInfo.InvariantCulture, $"scenario:{scenario.Id}:{scenario.Version}:{today:yyyy-MM-dd}:{filter}");
        return cache.GetAsync(db, key, ct => ComputeAsync(db, scenario, filter, rules, today, ct), cancellationToken);
    }

    /// <summary>The breaching stages with these ids, in the order given.</summary>
    public static async Task<List<BreachFacts>> RowsAsync(TrackerDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Stages.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new BreachFacts(s.Id, s.CaseId, s.Case.Reference, s.Case.Title, s.Case.Force, s.Case.IncidentOn, s.Case.Category, s.Kind, s.Label, s.StartOn, s.HasEnded, s.EndOn, s.Clock))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
    }

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

    private static async Task<Computed> ComputeAsync(TrackerDbContext db, GetScenario.Result scenario, CaseFilter filter, LimitRuleBook.RuleSet rules, DateOnly today, CancellationToken cancellationToken)
    {
        var capped = scenario.OverallCapMonths is not null;
        var caseRule = capped ? ScenarioBreaches.CaseRuleBreach(today) : c => false;
        Expression<Func<Case, bool>> capAssessed = c => capped && c.IncidentOn != null && c.IncidentPrecision == Domain.Dates.DatePrecision.Day;
        var cases = await filter.Apply(db.Cases.AsNoTracking())
            .Select(ScenarioBreaches.Inline<Case, CaseFacts>(
                c => new CaseFacts
                {
                    Id = c.Id, Reference = c.Reference, Force = c.Force, Year = c.IncidentOn == null ? null : c.IncidentOn.Value.Year, Category = c.Category,
                    Flags = (ScenarioBreaches.Flag(0) ? 1 : 0) + (ScenarioBreaches.Flag(1) ? 2 : 0) + (ScenarioBreaches.Flag(2) ? 4 : 0),
                },
                capAssessed, ScenarioBreaches.CapBreach(scenario.OverallCapMonths, today), caseRule))
            .ToListAsync(cancellationToken);

        // Each case's position and group (force, incident year, category), found once here rather than once per stage.
        var groupKeys = new List<(string Force, int? Year, OperationCategory Category)>();
        var groupIndex = new Dictionary<(string Force, int? Year, OperationCategory Category), int>();
        var positionOf = new Dictionary<int, int>(cases.Count);
        var groupAt = new int[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            var key = (cases[i].Force, cases[i].Year, cases[i].Category);
            if (!groupIndex.TryGetValue(key, out var group))
            {
                group = groupKeys.Count;
                groupIndex[key] = group;
                groupKeys.Add(key);
            }

            groupAt[i] = group;
            positionOf[cases[i].Id] = i;
        }

        // The case filter is applied by the lookup into the filtered cases, so this read joins nothing. The kinds are
        // tested inside a CASE so that SQLite reads the table straight through: a scenario's kinds are usually a large
        // share of all stages, and fetching each of those rows through the kind index took three times as long.
        // Each row is tallied as it is read (per kind and case group; whether its case breaches, per kind and at all).
        var kinds = scenario.Limits.Select(l => l.Kind).ToList();
        var tally = new StageTally[kinds.Count, groupKeys.Count];
        var caseBreachesKind = new bool[kinds.Count, cases.Count];
        var caseRuleBreachesKind = new bool[kinds.Count, cases.Count];
        var scenarioCasesOfKind = new int[kinds.Count];
        var ruleCasesOfKind = new int[kinds.Count];
        var caseBreaches = new bool[cases.Count];
        var caseRuleBreaches = new bool[cases.Count];
        var breaching = new List<(int CasePosition, int Start, int Id)>();
        var stages = filter.ApplyToStages(db.Stages.AsNoTracking()).Where(s => (kinds.Contains(s.Kind) ? 1 : 0) == 1)
            .Select(ScenarioBreaches.Inline<Stage, StageFacts>(
                s => new StageFacts
                {
                    Id = s.Id, CaseId = s.CaseId, BreachStartOn = ScenarioBreaches.Flag(1) ? s.StartOn : null,
                    Flags = (ScenarioBreaches.Flag(0) ? 1 : 0) + (ScenarioBreaches.Flag(1) ? 2 : 0) + (ScenarioBreaches.Flag(2) ? 4 : 0) + (ScenarioBreaches.Number(3) * 8),
                },
                ScenarioBreaches.Assessed, ScenarioBreaches.Breach(scenario.Limits, today), ScenarioBreaches.RuleBreach(today), ScenarioBreaches.KindPosition(scenario.Limits)));
        await foreach (var stage in stages.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!positionOf.TryGetValue(stage.CaseId, out var at))
            {
                continue;
            }

            var kind = stage.KindPosition;
            ref var counts = ref tally[kind, groupAt[at]];
            counts.Stages++;
            counts.Assessed += stage.Assessed ? 1 : 0;
            if (stage.Breach)
            {
                counts.Breaches++;
                caseBreaches[at] = true;
                scenarioCasesOfKind[kind] += caseBreachesKind[kind, at] ? 0 : 1;
                caseBreachesKind[kind, at] = true;
                breaching.Add((at, stage.BreachStartOn?.DayNumber ?? int.MinValue, stage.Id));
            }

            if (stage.RuleBreach)
            {
                counts.RuleBreaches++;
                caseRuleBreaches[at] = true;
                ruleCasesOfKind[kind] += caseRuleBreachesKind[kind, at] ? 0 : 1;
                caseRuleBreachesKind[kind, at] = true;
            }
        }

        var combos = new List<(StageKind Kind, string Force, int? Year, OperationCategory Category, int Stages, int Assessed, int Breaches, int RuleBreaches)>();
        for (var kind = 0; kind < kinds.Count; kind++)
        {
            for (var group = 0; group < groupKeys.Count; group++)
            {
                var counts = tally[kind, group];
                if (counts.Stages > 0)
                {
                    combos.Add((kinds[kind], groupKeys[group].Force, groupKeys[group].Year, groupKeys[group].Category, counts.Stages, counts.Assessed, counts.Breaches, counts.RuleBreaches));
                }
            }
        }

        var scenarioCasesByKind = kinds.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => scenarioCasesOfKind[x.i]);
        var ruleCasesByKind = kinds.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => ruleCasesOfKind[x.i]);
        var caseCombos = Enumerable.Range(0, cases.Count).GroupBy(i => groupAt[i])
            .Select(g => new
            {
                groupKeys[g.Key].Force, groupKeys[g.Key].Year, groupKeys[g.Key].Category,
                Cases = g.Count(),
                Breaches = g.Count(i => cases[i].CapBreach || caseBreaches[i]),
                CapBreaches = g.Count(i => cases[i].CapBreach),
                CapAssessed = g.Count(i => cases[i].CapAssessed),
                RuleBreaches = g.Count(i => cases[i].CapRuleBreach || caseRuleBreaches[i]),
            })
            .ToList();
        var capRuleBreaches = cases.Count(c => c.CapRuleBreach);

        // Case reference order without comparing references per stage: rank the cases once.
        var references = cases.Select(c => c.Reference).ToArray();
        var byReference = Enumerable.Range(0, cases.Count).ToArray();
        Array.Sort(references, byReference, StringComparer.Ordinal);
        var rank = new int[cases.Count];
        for (var i = 0; i < byReference.Length; i++)
        {
            rank[byReference[i]] = i;
        }

        var breachOrder = breaching.Select(b => (Rank: rank[b.CasePosition], b.Start, b.Id)).Order().Select(b => b.Id).ToList();

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
            limits.Add(new GetScenarioReport.LimitRow(
                "WholeCase", "Whole case (incident to close)", LimitRule.FormatAmount(cap, LimitUnit.Months), rules.WholeCase?.LimitText ?? "no limit",
                cases.Count, caseCombos.Sum(c => c.CapAssessed), caseCombos.Sum(c => c.CapBreaches), caseCombos.Sum(c => c.CapBreaches),
                capRuleBreaches, capRuleBreaches));
        }

        var groups = new List<GetScenarioReport.GroupRow>();
        groups.AddRange(combos.GroupBy(c => c.Kind).OrderBy(g => g.Key.DisplayName(), StringComparer.Ordinal).Select(g => new GetScenarioReport.GroupRow(
            "StageKind", g.Key.ToString(), g.Key.DisplayName(), g.Sum(c => c.Stages), g.Sum(c => c.Assessed), g.Sum(c => c.Breaches), g.Sum(c => c.RuleBreaches),
            0, scenarioCasesByKind.GetValueOrDefault(g.Key), ruleCasesByKind.GetValueOrDefault(g.Key))));
        AddCaseDimension(groups, "Force", combos.Select(c => (c.Force, c.Force, c.Stages, c.Assessed, c.Breaches, c.RuleBreaches)), caseCombos.Select(c => (c.Force, c.Cases, c.Breaches, c.RuleBreaches)));
        AddCaseDimension(groups, "IncidentYear", combos.Select(c => (YearCode(c.Year), YearCode(c.Year), c.Stages, c.Assessed, c.Breaches, c.RuleBreaches)), caseCombos.Select(c => (YearCode(c.Year), c.Cases, c.Breaches, c.RuleBreaches)));
        AddCaseDimension(groups, "Category", combos.Select(c => (c.Category.ToString(), c.Category.DisplayName(), c.Stages, c.Assessed, c.Breaches, c.RuleBreaches)), caseCombos.Select(c => (c.Category.ToString(), c.Cases, c.Breaches, c.RuleBreaches)));

        return new Computed(
            new GetScenarioReport.Figures(limits, groups, caseCombos.Sum(c => c.Cases), caseCombos.Sum(c => c.Breaches), caseCombos.Sum(c => c.RuleBreaches), combos.Sum(c => c.Breaches)),
            breachOrder);
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
