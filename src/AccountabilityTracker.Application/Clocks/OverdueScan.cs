using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// Running stages (and running cases) that are overdue or approaching their limit, read from the stored clocks: the
/// database compares their warning and due dates with today through an index, counts them, and sorts and pages them
/// most urgent first, so no clock is evaluated on the way. Only the rows of the page become readings.
/// </summary>
internal static class OverdueScan
{
    public sealed record Filter(string? Force, OperationCategory? Category, StageKind? Kind, bool WholeCaseOnly);

    /// <summary>Every flagged clock: the navigation count.</summary>
    public static Filter Everything { get; } = new(null, null, null, false);

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
        ClockView Clock)
    {
        /// <summary>The milestone an event-to-event clock runs from (its rule named by <see cref="EventRuleName"/>); null for stage and case clocks.</summary>
        public int? MilestoneId { get; init; }

        public string? EventRuleName { get; init; }
    }

    /// <summary>Flagged clocks, and how many of them are overdue for certain (the rest approach, or may be overdue).</summary>
    public sealed record Counts(int Flagged, int Overdue)
    {
        public int Approaching => Flagged - Overdue;

        public Counts Plus(Counts other) => new(Flagged + other.Flagged, Overdue + other.Overdue);
    }

    /// <remarks>
    /// Each kind of clock is counted in one pass, grouped by whether it is overdue (at most two rows back): counting and
    /// summing over a constant key made EF read the flagged rows twice, which doubled the cost at 100,000 cases.
    /// </remarks>
    public static async Task<Counts> CountAsync(TrackerDbContext db, DateOnly today, Filter filter, CancellationToken cancellationToken)
    {
        var counts = new Counts(0, 0);
        var overdue = StoredClocks.Overdue(today);
        if (!filter.WholeCaseOnly)
        {
            counts = counts.Plus(await TallyAsync(FlaggedStages(db, today, filter).Select(StoredClocks.OfStage(overdue)), cancellationToken));
        }

        if (filter.Kind is null && !filter.WholeCaseOnly)
        {
            counts = counts.Plus(await TallyAsync(FlaggedMilestones(db, today, filter).Select(StoredClocks.OfMilestone(overdue)), cancellationToken));
        }

        if (filter.Kind is null)
        {
            counts = counts.Plus(await TallyAsync(FlaggedCases(db, today, filter).Select(StoredClocks.OfCase(overdue)), cancellationToken));
        }

        return counts;
    }

    /// <summary>How many flagged clocks, and how many of them overdue: one grouped pass, at most two rows back.</summary>
    private static async Task<Counts> TallyAsync(IQueryable<bool> isOverdue, CancellationToken cancellationToken)
    {
        var groups = await isOverdue.GroupBy(overdue => overdue).Select(g => new Tally(g.Key, g.Count())).ToListAsync(cancellationToken);
        return new Counts(groups.Sum(g => g.Count), groups.Where(g => g.IsOverdue).Sum(g => g.Count));
    }

    private sealed record Tally(bool IsOverdue, int Count);

    /// <summary>
    /// One page, most urgent first: overdue for certain (furthest over first), then possibly overdue (a month- or
    /// year-precision start), then approaching (soonest due first); then by case reference and stage. Stage and case
    /// clocks are each read sorted up to the end of the page and merged.
    /// </summary>
    public static async Task<IReadOnlyList<Row>> PageAsync(
        TrackerDbContext db, LimitRuleBook.RuleSet rules, DateOnly today, Filter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var end = skip + take;
        var rows = new List<Row>();
        var tier = StoredClocks.UrgencyTier(today);
        var date = StoredClocks.UrgencyDate(today);
        if (!filter.WholeCaseOnly)
        {
            var stages = await FlaggedStages(db, today, filter)
                .OrderBy(StoredClocks.OfStage(tier)).ThenBy(StoredClocks.OfStage(date)).ThenBy(s => s.Case.Reference).ThenBy(s => s.Id)
                .Take(end)
                .Select(s => new { s.CaseId, s.Case.Reference, s.Case.Title, s.Case.Force, s.Case.Category, s.Id, s.Kind, s.Label, s.StartOn, s.StartPrecision, s.Clock })
                .ToListAsync(cancellationToken);
            rows.AddRange(stages.Select(s =>
            {
                var clock = ClockView.From(s.Clock.ReadOn(today, rules.For(s.Kind)));
                return new Row(s.CaseId, s.Reference, s.Title, s.Force, s.Category, s.Id, s.Kind, s.Label, PartialDate.FromStored(s.StartOn, s.StartPrecision), clock);
            }));
        }

        if (filter.Kind is null && !filter.WholeCaseOnly)
        {
            var milestones = await FlaggedMilestones(db, today, filter)
                .OrderBy(StoredClocks.OfMilestone(tier)).ThenBy(StoredClocks.OfMilestone(date)).ThenBy(m => m.Case.Reference).ThenBy(m => m.Id)
                .Take(end)
                .Select(m => new { m.CaseId, m.Case.Reference, m.Case.Title, m.Case.Force, m.Case.Category, m.Case.Jurisdiction, m.Id, m.Type, m.Label, m.OccurredOn, m.Precision, m.Clock })
                .ToListAsync(cancellationToken);
            rows.AddRange(milestones.Select(m =>
            {
                var rule = rules.ForMilestone(m.Type, m.Jurisdiction);
                var clock = ClockView.From(m.Clock.ReadOn(today, rule));
                var name = rule?.ToMilestone is { } to ? LimitRuleSetting.EventDisplayName(m.Type, to, m.Jurisdiction) : m.Type.DisplayName();
                return new Row(m.CaseId, m.Reference, m.Title, m.Force, m.Category, null, null, m.Label, PartialDate.FromStored(m.OccurredOn, m.Precision), clock)
                {
                    MilestoneId = m.Id,
                    EventRuleName = name,
                };
            }));
        }

        if (filter.Kind is null)
        {
            var cases = await FlaggedCases(db, today, filter)
                .OrderBy(StoredClocks.OfCase(tier)).ThenBy(StoredClocks.OfCase(date)).ThenBy(c => c.Reference)
                .Take(end)
                .Select(c => new { c.Id, c.Reference, c.Title, c.Force, c.Category, c.IncidentOn, c.IncidentPrecision, c.Clock })
                .ToListAsync(cancellationToken);
            rows.AddRange(cases.Select(c =>
            {
                var clock = ClockView.From(c.Clock.ReadOn(today, rules.WholeCase));
                return new Row(c.Id, c.Reference, c.Title, c.Force, c.Category, null, null, "Whole case", PartialDate.FromStored(c.IncidentOn, c.IncidentPrecision), clock);
            }));
        }

        // ClockView.Urgency orders as the SQL does: days over descending is due date ascending, and so on.
        return rows
            .OrderBy(r => r.Clock.Urgency)
            .ThenBy(r => r.CaseReference, StringComparer.Ordinal)
            .ThenBy(r => r.StageId ?? 0)
            .ThenBy(r => r.MilestoneId ?? 0)
            .Skip(skip)
            .Take(take)
            .ToList();
    }

    private static IQueryable<Stage> FlaggedStages(TrackerDbContext db, DateOnly today, Filter filter)
    {
        var stages = db.Stages.AsNoTracking().Where(StoredClocks.OfStage(StoredClocks.Flagged(today))).Where(s => !s.Case.IsArchived);
        if (filter.Kind is { } kind)
        {
            stages = stages.Where(s => s.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Force))
        {
            stages = stages.Where(s => s.Case.Force == filter.Force);
        }

        if (filter.Category is { } category)
        {
            stages = stages.Where(s => s.Case.Category == category);
        }

        return stages;
    }

    private static IQueryable<Milestone> FlaggedMilestones(TrackerDbContext db, DateOnly today, Filter filter)
    {
        var milestones = db.Milestones.AsNoTracking().Where(StoredClocks.OfMilestone(StoredClocks.Flagged(today))).Where(m => !m.Case.IsArchived);
        if (!string.IsNullOrWhiteSpace(filter.Force))
        {
            milestones = milestones.Where(m => m.Case.Force == filter.Force);
        }

        if (filter.Category is { } category)
        {
            milestones = milestones.Where(m => m.Case.Category == category);
        }

        return milestones;
    }

    private static IQueryable<Case> FlaggedCases(TrackerDbContext db, DateOnly today, Filter filter)
    {
        var cases = db.Cases.AsNoTracking().Where(StoredClocks.OfCase(StoredClocks.Flagged(today))).Where(c => !c.IsArchived);
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
}
