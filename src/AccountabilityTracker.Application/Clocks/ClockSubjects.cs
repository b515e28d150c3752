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
    /// The whole case, counted from the incident. It runs while any stage runs (or none is recorded yet); once every
    /// stage has ended it ends on the latest known stage end.
    /// </summary>
    public static ClockSubject ForCase(PartialDate incident, IReadOnlyCollection<PartialDate?> stageEnds)
    {
        ArgumentNullException.ThrowIfNull(stageEnds);
        if (stageEnds.Count == 0 || stageEnds.Any(e => e is null))
        {
            return new ClockSubject(incident);
        }

        var last = stageEnds
            .Select(e => e!.Value)
            .Where(e => e.IsKnown)
            .OrderBy(e => e.Latest)
            .Select(e => (PartialDate?)e)
            .LastOrDefault() ?? PartialDate.Unknown;
        return new ClockSubject(incident, last);
    }
}
