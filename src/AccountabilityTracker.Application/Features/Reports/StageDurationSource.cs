using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Reports;

/// <summary>One stage as reports and exports see it: its dates, its duration (a range when a date is imprecise) and its clock.</summary>
public sealed record StageDurationRow(
    int StageId,
    string CaseReference,
    string CaseTitle,
    string Force,
    int? IncidentYear,
    OperationCategory Category,
    StageKind Kind,
    string Label,
    PartialDate Start,
    PartialDate? End,
    DayRange? Duration,
    string? Limit,
    ClockStatus Status,
    int? DaysOver,
    string? Outcome)
{
    /// <summary>The most days past the limit the dates allow (worst case), when even that is past it.</summary>
    public int? DaysOverMost { get; init; }

    /// <summary>Not past the limit for certain, but possibly, given an imprecise date.</summary>
    public bool PossiblyLate { get; init; }

    /// <summary>The controlled outcome type (the free text is <see cref="Outcome"/>).</summary>
    public OutcomeType OutcomeType { get; init; }

    /// <summary>The limit in force as a number and a unit (<see cref="Limit"/> in words).</summary>
    public int? LimitAmount { get; init; }

    public LimitUnit? LimitUnit { get; init; }

    public bool IsRunning => End is null;

    public bool IsPastLimit => Status is ClockStatus.Overdue or ClockStatus.ConcludedLate;
}

/// <summary>
/// Streams stage rows for the report and the exports straight from the database: the filters run in SQL, rows are read
/// one at a time with their stored clock (no clock is evaluated on the way), so memory stays flat however many rows there are.
/// </summary>
internal static class StageDurationSource
{
    private static readonly Meter Meter = new("AccountabilityTracker.Reports");

    /// <summary>Rows produced for reports and exports; lets operators (and tests) watch a long export progress.</summary>
    internal static readonly Counter<long> RowsProduced = Meter.CreateCounter<long>("tracker.reports.stage_rows");

    public static async IAsyncEnumerable<StageDurationRow> StreamAsync(
        TrackerDbContext db,
        LimitRuleBook rules,
        ClockEvaluator clocks,
        CaseFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ruleSet = await rules.GetAsync(cancellationToken);
        var today = clocks.Today();
        var cases = filter.Apply(db.Cases.AsNoTracking());
        var stages = filter.ApplyToStages(db.Stages.AsNoTracking().Where(s => cases.Any(c => c.Id == s.CaseId)));

        var rows = stages
            .OrderBy(s => s.Case.Reference).ThenBy(s => s.StartOn).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Case.Reference,
                s.Case.Title,
                s.Case.Force,
                s.Case.IncidentOn,
                s.Case.IncidentPrecision,
                s.Case.Category,
                s.Kind,
                s.Label,
                s.StartOn,
                s.StartPrecision,
                s.HasEnded,
                s.EndOn,
                s.EndPrecision,
                s.Outcome,
                s.OutcomeType,
                s.Clock,
            })
            .AsAsyncEnumerable();

        await foreach (var s in rows.WithCancellation(cancellationToken))
        {
            var incident = PartialDate.FromStored(s.IncidentOn, s.IncidentPrecision);
            var start = PartialDate.FromStored(s.StartOn, s.StartPrecision);
            PartialDate? end = s.HasEnded ? PartialDate.FromStored(s.EndOn, s.EndPrecision) : null;
            var reading = s.Clock.ReadOn(today, ruleSet.For(s.Kind));
            var duration = start.DaysUntil(end ?? PartialDate.OnDay(today));
            RowsProduced.Add(1);
            yield return new StageDurationRow(
                s.Id, s.Reference, s.Title, s.Force, incident.Earliest?.Year, s.Category, s.Kind, s.Label, start, end, duration,
                reading is { Amount: { } amount, Unit: { } unit } ? LimitRule.FormatAmount(amount, unit) : null,
                reading.Status,
                reading.Status is ClockStatus.Overdue or ClockStatus.ConcludedLate ? reading.DaysOver : null,
                s.Outcome)
            {
                OutcomeType = s.OutcomeType,
                DaysOverMost = reading.PossibleStatus is ClockStatus.Overdue or ClockStatus.ConcludedLate ? reading.PossibleDaysOver : null,
                PossiblyLate = reading.IsUncertain && reading.PossibleStatus is ClockStatus.Overdue or ClockStatus.ConcludedLate,
                LimitAmount = reading.Amount,
                LimitUnit = reading.Unit,
            };
        }
    }
}
