using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>
/// What a rep needs first on the case page (a phone at a hearing): the stages in the order they are acted on and the
/// next due date. Read from the clocks the case details already carry; nothing is evaluated again.
/// </summary>
public sealed class CasePageSummary
{
    private CasePageSummary(IReadOnlyList<GetCaseDetails.TimelineEntry> stages, NextDueDate? nextDue, int running, int overdue)
    {
        Stages = stages;
        NextDue = nextDue;
        RunningCount = running;
        OverdueCount = overdue;
    }

    /// <summary>Running stages first (oldest first), then the ended ones, most recent first.</summary>
    public IReadOnlyList<GetCaseDetails.TimelineEntry> Stages { get; }

    /// <summary>The earliest due date among the clocks still running (the whole case's included), or null.</summary>
    public NextDueDate? NextDue { get; }

    public int RunningCount { get; }

    public int OverdueCount { get; }

    public static CasePageSummary From(GetCaseDetails.Result details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var stages = details.Timeline.Where(e => e.Type == GetCaseDetails.EntryType.Stage).ToList();
        var ordered = stages.Where(s => s.IsRunning)
            .Concat(stages.Where(s => !s.IsRunning).Reverse())
            .ToList();

        var running = stages.Where(s => s.IsRunning && s.Clock is not null).Select(s => new NextDueDate(s.Label, s.Id, s.Clock!))
            .Append(new NextDueDate("Whole case", null, details.CaseClock))
            .Where(c => IsRunning(c.Clock.Status) && c.Clock.DueDate is not null)
            .OrderBy(c => c.Clock.DueDate)
            .FirstOrDefault();
        return new CasePageSummary(
            ordered,
            running,
            stages.Count(s => s.IsRunning),
            stages.Count(s => s.Clock?.Status == ClockStatus.Overdue));
    }

    private static bool IsRunning(ClockStatus status) => status is ClockStatus.Overdue or ClockStatus.Approaching or ClockStatus.WithinLimit;

    /// <summary>The clock that falls due next: a stage's (with its id) or the whole case's.</summary>
    public sealed record NextDueDate(string Label, int? StageId, ClockView Clock)
    {
        public DateOnly Due => Clock.DueDate!.Value;
    }
}
