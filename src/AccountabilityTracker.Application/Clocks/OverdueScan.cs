using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// Finds running stages (and running cases) that are overdue or approaching their limit. The database narrows the rows
/// to those that could be: running, of a kind with an enabled rule, in an active case, and started long enough ago to
/// have passed the warning share even with no pauses (or carrying an extension, which may have shortened the limit).
/// Only those rows are evaluated in memory, so statuses are never stored and a rule change shows at once.
/// </summary>
internal static class OverdueScan
{
    public sealed record Filter(string? Force, OperationCategory? Category, StageKind? Kind, bool WholeCaseOnly);

    public sealed record Row(
        int CaseId,
        string CaseReference,
        string CaseTitle,
        string Force,
        OperationCategory Category,
        int? StageId,
        StageKind? Kind,
        string Label,
        PartialDate Start,
        ClockView Clock);

    public sealed record Outcome(IReadOnlyList<Row> Rows, int CandidatesEvaluated, DateOnly Today);

    public static async Task<Outcome> RunAsync(TrackerDbContext db, LimitRuleBook.RuleSet rules, ClockEvaluator clocks, Filter filter, CancellationToken cancellationToken)
    {
        var today = clocks.Today();
        var rows = new List<Row>();
        var candidates = 0;

        if (!filter.WholeCaseOnly)
        {
            foreach (var rule in rules.StageRules.Where(r => filter.Kind is null || r.StageKind == filter.Kind).OrderBy(r => r.StageKind))
            {
                var found = await StageCandidatesAsync(db, rule, EarliestStartThatCanWarn(rule, today), filter, cancellationToken);
                candidates += found.Count;
                foreach (var s in found)
                {
                    var start = PartialDate.FromStored(s.StartOn, s.StartPrecision);
                    var incident = PartialDate.FromStored(s.IncidentOn, s.IncidentPrecision);
                    var subject = ClockSubjects.ForStage(
                        rule, start, null, incident, s.Pauses.Select(p => new Pause(p.From, p.To, p.Reason)), s.Extensions.Select(e => new Extension(e.GrantedOn, e.NewAmount, e.NewUnit, e.Reason)));
                    Keep(rows, new Row(s.CaseId, s.Reference, s.Title, s.Force, s.Category, s.Id, s.Kind, s.Label, start, ClockView.From(clocks.Evaluate(rule, subject))));
                }
            }
        }

        if (rules.WholeCase is { } caseRule && filter.Kind is null)
        {
            var cutoff = EarliestStartThatCanWarn(caseRule, today);
            var cases = db.Cases.AsNoTracking()
                .Where(c => !c.IsArchived && c.IncidentOn != null && c.IncidentOn <= cutoff && (!c.Stages.Any() || c.Stages.Any(s => !s.HasEnded)));
            cases = ApplyCaseFilters(cases, filter);
            var found = await cases
                .Select(c => new { c.Id, c.Reference, c.Title, c.Force, c.Category, c.IncidentOn, c.IncidentPrecision })
                .ToListAsync(cancellationToken);
            candidates += found.Count;
            foreach (var c in found)
            {
                var incident = PartialDate.FromStored(c.IncidentOn, c.IncidentPrecision);
                var reading = clocks.Evaluate(caseRule, new ClockSubject(incident));
                Keep(rows, new Row(c.Id, c.Reference, c.Title, c.Force, c.Category, null, null, "Whole case", incident, ClockView.From(reading)));
            }
        }

        var sorted = rows
            .OrderBy(r => r.Clock.Urgency)
            .ThenBy(r => r.CaseReference, StringComparer.Ordinal)
            .ThenBy(r => r.StageId ?? 0)
            .ToList();
        return new Outcome(sorted, candidates, today);
    }

    public static bool IsFlagged(ClockStatus status) => status is ClockStatus.Overdue or ClockStatus.Approaching;

    /// <summary>
    /// The latest start from which a running clock could already have reached the warning share today. Pauses only
    /// delay a clock, and every limit unit spans at least as many calendar days as its count (a month at least 28),
    /// so a later start cannot warn yet.
    /// </summary>
    internal static DateOnly EarliestStartThatCanWarn(LimitRule rule, DateOnly today)
    {
        long shortestLength = rule.Unit == LimitUnit.Months ? rule.Amount * 28L : rule.Amount;
        var daysToWarning = ((shortestLength * rule.WarningPercent) + 99) / 100;
        var latest = (long)today.DayNumber - daysToWarning;
        return latest < DateOnly.MinValue.DayNumber ? DateOnly.MinValue : DateOnly.FromDayNumber((int)latest);
    }

    private static void Keep(List<Row> rows, Row row)
    {
        if (IsFlagged(row.Clock.Status) || IsFlagged(row.Clock.PossibleStatus))
        {
            rows.Add(row);
        }
    }

    private static IQueryable<Case> ApplyCaseFilters(IQueryable<Case> cases, Filter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Force))
        {
            cases = cases.Where(c => c.Force == filter.Force);
        }

        if (filter.Category is { } category)
        {
            cases = cases.Where(c => c.Category == category);
        }

        return cases;
    }

    private static async Task<List<StageCandidate>> StageCandidatesAsync(TrackerDbContext db, LimitRule rule, DateOnly cutoff, Filter filter, CancellationToken cancellationToken)
    {
        var kind = rule.StageKind!.Value;
        var stages = db.Stages.AsNoTracking().Where(s => s.Kind == kind && !s.HasEnded && !s.Case.IsArchived);
        stages = rule.Anchor == ClockAnchor.IncidentDate
            ? stages.Where(s => s.Case.IncidentOn != null && (s.Case.IncidentOn <= cutoff || s.Extensions.Any()))
            : stages.Where(s => s.StartOn != null && (s.StartOn <= cutoff || s.Extensions.Any()));

        if (!string.IsNullOrWhiteSpace(filter.Force))
        {
            stages = stages.Where(s => s.Case.Force == filter.Force);
        }

        if (filter.Category is { } category)
        {
            stages = stages.Where(s => s.Case.Category == category);
        }

        return await stages
            .AsSplitQuery()
            .Select(s => new StageCandidate(
                s.Id,
                s.CaseId,
                s.Case.Reference,
                s.Case.Title,
                s.Case.Force,
                s.Case.Category,
                s.Kind,
                s.Label,
                s.StartOn,
                s.StartPrecision,
                s.Case.IncidentOn,
                s.Case.IncidentPrecision,
                s.Pauses.Select(p => new PauseRow(p.From, p.To, p.Reason)).ToList(),
                s.Extensions.Select(e => new ExtensionRow(e.GrantedOn, e.NewAmount, e.NewUnit, e.Reason)).ToList()))
            .ToListAsync(cancellationToken);
    }

    private sealed record PauseRow(DateOnly From, DateOnly? To, string Reason);

    private sealed record ExtensionRow(DateOnly GrantedOn, int NewAmount, LimitUnit? NewUnit, string Reason);

    private sealed record StageCandidate(
        int Id,
        int CaseId,
        string Reference,
        string Title,
        string Force,
        OperationCategory Category,
        StageKind Kind,
        string Label,
        DateOnly? StartOn,
        DatePrecision StartPrecision,
        DateOnly? IncidentOn,
        DatePrecision IncidentPrecision,
        List<PauseRow> Pauses,
        List<ExtensionRow> Extensions);
}
