using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>Builds what a clock measures from stored dates, so every page measures a stage or a case the same way.</summary>
public static class ClockSubjects
{
    /// <summary>A stage, counted from its start or from the incident as the rule says.</summary>
    public static ClockSubject ForStage(
        LimitRule? rule,
        PartialDate stageStart,
        PartialDate? stageEnd,
        PartialDate incident,
        IEnumerable<Pause> pauses,
        IEnumerable<Extension> extensions) =>
        new(rule?.Anchor == ClockAnchor.IncidentDate ? incident : stageStart, stageEnd, pauses, extensions);

    /// <summary>A stored stage with its pauses and extensions, counted from its start or from the incident as the rule says.</summary>
    public static ClockSubject ForStage(LimitRule? rule, Stage stage, PartialDate incident)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.ClockSubject(rule?.Anchor == ClockAnchor.IncidentDate ? incident : stage.Start);
    }

    /// <summary>
    /// The whole case, counted from the incident. It runs until someone closes the case: a case whose stages have all
    /// ended is not over while proceedings may still be pending (it is "awaiting" a next step).
    /// </summary>
    public static ClockSubject ForCase(PartialDate incident, DateOnly? closedOn) =>
        new(incident, closedOn is { } closed ? PartialDate.OnDay(closed) : null);

    /// <summary>
    /// An event-to-event clock: from <paramref name="from"/> to the first milestone of the rule's closing type on or after
    /// it (running until one is recorded). A closing milestone with an unknown date ends the clock with its date unknown.
    /// </summary>
    public static ClockSubject ForMilestone(LimitRule? rule, Milestone from, IEnumerable<Milestone> caseMilestones)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(caseMilestones);
        if (rule?.ToMilestone is not { } closing)
        {
            return new(from.Date);
        }

        var candidates = caseMilestones.Where(m => m.Type == closing && m != from && (m.Id == 0 || m.Id != from.Id)).ToList();
        var end = candidates
            .Where(m => m.Date.IsKnown && from.Date.Earliest is { } start && m.Date.Latest >= start)
            .OrderBy(m => m.Date)
            .Select(m => (PartialDate?)m.Date)
            .FirstOrDefault();
        if (end is null && candidates.Exists(m => !m.Date.IsKnown))
        {
            end = PartialDate.Unknown;
        }

        return new(from.Date, end);
    }
}
