using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Domain.Statistics;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

public enum ContrastGrouping
{
    Category = 0,
    Force = 1,
    IncidentYear = 2,
    IncidentType = 3,
    Harm = 4,
    Jurisdiction = 5,
}

/// <summary>
/// Outcome contrasts: per operation category (or another grouping), how many cases there are and in how many an officer
/// was arrested or interviewed under caution (officer events), charged (a stage with outcome type Charged or an officer
/// event Charged, whichever came first), convicted, faced a misconduct case to answer or was dismissed (from the stages'
/// controlled outcome types: Convicted, CaseToAnswer(Gross)Misconduct, Dismissed on misconduct proceedings), or reached
/// a final outcome (every proceeding ended), with the days from the incident to the first such event (to the end of the
/// last proceeding for the final outcome).
/// A stage's event is dated by the stage's end and an officer event by its own date, each as precisely as the record
/// gives it (<see cref="DateBounds"/>): the first of several is known within bounds ("Jan 2021" and "15 Jan 2021" give
/// 1–15 January), and its days from an incident known to the day are a range counted at its exact middle (approximate).
/// A case counts in the share whenever the event happened; it is timed only when its incident is known to the day and
/// no occurrence of the event is undated (an undated one could have come first, or last). Removed officer events never
/// count. Every share is given as "n of N"; a group under <see cref="SmallGroup"/> cases is flagged, and its shares are
/// shown as counts only. docs/reports.md states the same rules for anyone recomputing the figures.
/// </summary>
public static class GetOutcomeContrasts
{
    public const int SmallGroup = 5;

    public static readonly IReadOnlyList<StageKind> Proceedings =
    [
        StageKind.IopcInvestigation, StageKind.CpsDecision, StageKind.CriminalTrial, StageKind.MisconductProceedings, StageKind.JudicialReview,
        StageKind.Appeal, StageKind.PircInvestigation, StageKind.CrownOfficeDecision, StageKind.PoliceOmbudsmanInvestigation, StageKind.PpsDecision,
    ];

    /// <summary>The events counted, in the order pages and exports list them.</summary>
    public static readonly IReadOnlyList<string> Events = ["arrested", "interviewed_under_caution", "charged", "convicted", "misconduct_case_to_answer", "dismissed", "final_outcome"];

    /// <summary>The officer events the contrasts read (removed ones never count).</summary>
    public static readonly IReadOnlyList<OfficerEventKind> EventKinds = [OfficerEventKind.Arrested, OfficerEventKind.InterviewedUnderCaution, OfficerEventKind.Charged];

    /// <summary>The stage outcome types the contrasts read, from ended stages.</summary>
    private static readonly OutcomeType[] StageOutcomes = [OutcomeType.Charged, OutcomeType.Convicted, OutcomeType.CaseToAnswerGrossMisconduct, OutcomeType.CaseToAnswerMisconduct, OutcomeType.Dismissed];

    public sealed record Query : CaseFilter, IRequest<Report>
    {
        public ContrastGrouping GroupBy { get; init; }
    }

    /// <summary>
    /// One event in one group: cases with it, of the group's cases, and the days from the incident to it (with how many
    /// cases they rest on, and how many of those are ranges counted at their middle).
    /// </summary>
    public sealed record EventFigure(string Event, int Cases, int Of, DurationSummary DaysFromIncident, int ApproximateTimings = 0)
    {
        public double? Share => Of == 0 ? null : Cases / (double)Of;

        /// <summary>Cases with the event that are not timed (an undated occurrence, or an incident not known to the day).</summary>
        public int Untimed => Cases - DaysFromIncident.Count;
    }

    public sealed record Group(string Code, string Label, int Cases, bool IsSmall, IReadOnlyList<EventFigure> Events)
    {
        public EventFigure Of(string name) => Events.Single(e => e.Event == name);
    }

    public sealed record Report(string Filters, DateTime GeneratedAtUtc, ContrastGrouping GroupBy, IReadOnlyList<Group> Groups, Group Total);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new CaseFilterValidator());
            RuleFor(q => q.GroupBy).IsInEnum().WithMessage("Choose a grouping from the list.");
        }
    }

    /// <summary>That an event happened in a case, and when the first (or, for the final outcome, the last) occurrence was: null when an occurrence is undated.</summary>
    public sealed record Occurred(DateBounds? When);

    /// <summary>One case as the contrasts need it: its group keys, its incident, and each event (null: it never happened).</summary>
    public sealed record CaseEvents(
        int CaseId, OperationCategory Category, string Force, PartialDate Incident, IncidentType IncidentType, Harm Harm, Jurisdiction Jurisdiction,
        IReadOnlyDictionary<string, Occurred> Events);

    internal sealed class Handler(TrackerDbContext db, ReadCache cache, TimeProvider time) : IRequestHandler<Query, Report>
    {
        public async Task<Report> Handle(Query request, CancellationToken cancellationToken) =>
            await cache.GetAsync(db, "contrasts:" + request, async ct =>
            {
                var rows = await ReadAsync(db, request, ct);
                var groups = rows.GroupBy(r => KeyOf(request.GroupBy, r)).OrderBy(g => g.Key.Label, StringComparer.Ordinal)
                    .Select(g => Summarise(g.Key.Code, g.Key.Label, [.. g])).ToList();
                return new Report(request.Describe(), time.UtcNowDateTime(), request.GroupBy, groups, Summarise("all", "All cases", rows));
            }, cancellationToken);
    }

    /// <summary>
    /// One row per filtered case, from four narrow reads: the cases' group keys; the ended stages with a contrasted outcome
    /// type and the proceedings, each grouped per case and end precision (the first and last end of each precision bound
    /// every end of it); the officer events grouped per case, kind and precision. The dates are combined in memory with
    /// <see cref="DateBounds"/>, so a month is a month and an undated end is counted but never timed.
    /// </summary>
    public static async Task<List<CaseEvents>> ReadAsync(TrackerDbContext db, CaseFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var proceedings = Proceedings.ToList();
        var outcomes = StageOutcomes.ToList();
        var kinds = EventKinds.ToList();
        var cases = filter.Apply(db.Cases.AsNoTracking());
        var caseRows = await cases
            .Select(c => new { c.Id, c.Category, c.Force, c.IncidentOn, c.IncidentPrecision, c.IncidentType, c.Harm, c.Jurisdiction })
            .ToListAsync(cancellationToken);
        var stageOutcomes = (await db.Stages.AsNoTracking()
                .Where(s => s.HasEnded && outcomes.Contains(s.OutcomeType) && cases.Any(c => c.Id == s.CaseId))
                .GroupBy(s => new { s.CaseId, s.OutcomeType, Misconduct = s.Kind == StageKind.MisconductProceedings, s.EndPrecision })
                .Select(g => new { g.Key.CaseId, g.Key.OutcomeType, g.Key.Misconduct, g.Key.EndPrecision, First = g.Min(s => s.EndOn) })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.CaseId);
        var proceedingEnds = (await db.Stages.AsNoTracking()
                .Where(s => proceedings.Contains(s.Kind) && cases.Any(c => c.Id == s.CaseId))
                .GroupBy(s => new { s.CaseId, s.HasEnded, s.EndPrecision })
                .Select(g => new { g.Key.CaseId, g.Key.HasEnded, g.Key.EndPrecision, Last = g.Max(s => s.EndOn) })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.CaseId);
        var officerEvents = (await db.OfficerEvents.AsNoTracking()
                .Where(e => !e.IsRemoved && kinds.Contains(e.Kind) && cases.Any(c => c.Id == e.CaseId))
                .GroupBy(e => new { e.CaseId, e.Kind, e.Precision })
                .Select(g => new { g.Key.CaseId, g.Key.Kind, g.Key.Precision, First = g.Min(e => e.OccurredOn) })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.CaseId);

        return [.. caseRows.Select(c =>
        {
            var events = new Dictionary<string, Occurred>(StringComparer.Ordinal);
            void FirstOf(string name, IEnumerable<DateBounds?> dates)
            {
                var list = dates.ToList();
                if (list.Count > 0)
                {
                    events[name] = new Occurred(DateBounds.FirstOf(list));
                }
            }

            var officer = officerEvents[c.Id].ToList();
            IEnumerable<DateBounds?> Officer(OfficerEventKind kind) =>
                officer.Where(e => e.Kind == kind).Select(e => DateBounds.Of(PartialDate.FromStored(e.First, e.Precision)));
            var staged = stageOutcomes[c.Id].ToList();
            IEnumerable<DateBounds?> Stage(Func<OutcomeType, bool, bool> counts) =>
                staged.Where(s => counts(s.OutcomeType, s.Misconduct)).Select(s => DateBounds.Of(PartialDate.FromStored(s.First, s.EndPrecision)));

            FirstOf("arrested", Officer(OfficerEventKind.Arrested));
            FirstOf("interviewed_under_caution", Officer(OfficerEventKind.InterviewedUnderCaution));
            FirstOf("charged", Stage((type, _) => type == OutcomeType.Charged).Concat(Officer(OfficerEventKind.Charged)));
            FirstOf("convicted", Stage((type, _) => type == OutcomeType.Convicted));
            FirstOf("misconduct_case_to_answer", Stage((type, _) => type is OutcomeType.CaseToAnswerGrossMisconduct or OutcomeType.CaseToAnswerMisconduct));
            FirstOf("dismissed", Stage((type, misconduct) => type == OutcomeType.Dismissed && misconduct));

            // The final outcome: at least one proceeding and none still running; dated by the last end, untimed if any end is undated.
            var ends = proceedingEnds[c.Id].ToList();
            if (ends.Count > 0 && ends.All(e => e.HasEnded))
            {
                events["final_outcome"] = new Occurred(DateBounds.LastOf(ends.Select(e => DateBounds.Of(PartialDate.FromStored(e.Last, e.EndPrecision)))));
            }

            return new CaseEvents(c.Id, c.Category, c.Force, PartialDate.FromStored(c.IncidentOn, c.IncidentPrecision), c.IncidentType, c.Harm, c.Jurisdiction, events);
        })];
    }

    /// <summary>The figures of a set of cases: each event's share, and its days from incidents known to the day.</summary>
    public static Group Summarise(string code, string label, IReadOnlyList<CaseEvents> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        EventFigure Figure(string name)
        {
            var with = cases.Where(c => c.Events.ContainsKey(name)).ToList();
            var days = with
                .Select(c => c.Incident.IsExact && c.Events[name].When is { } when ? DayRange.Between(DateBounds.OnDay(c.Incident.Earliest!.Value), when) : (DayRange?)null)
                .OfType<DayRange>()
                .ToList();
            return new EventFigure(name, with.Count, cases.Count, DurationSummary.Of(days.Select(d => d.Middle)), days.Count(d => !d.IsExact));
        }

        return new Group(code, label, cases.Count, cases.Count < SmallGroup, [.. Events.Select(Figure)]);
    }

    private static (string Code, string Label) KeyOf(ContrastGrouping grouping, CaseEvents c) => grouping switch
    {
        ContrastGrouping.Force => (c.Force, c.Force),
        ContrastGrouping.IncidentYear => c.Incident.Earliest is { } d ? (d.Year.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture)) : ("unknown", "Unknown"),
        ContrastGrouping.IncidentType => (c.IncidentType.ToString(), c.IncidentType.DisplayName()),
        ContrastGrouping.Harm => (c.Harm.ToString(), c.Harm.DisplayName()),
        ContrastGrouping.Jurisdiction => (c.Jurisdiction.ToString(), c.Jurisdiction.DisplayName()),
        _ => (c.Category.ToString(), c.Category.DisplayName()),
    };
}
