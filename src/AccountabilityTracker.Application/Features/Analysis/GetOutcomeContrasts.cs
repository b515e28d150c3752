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
/// controlled outcome types: Convicted, CaseToAnswer(Gross)Misconduct, Dismissed on misconduct proceedings), with the
/// median days from the incident to the first such event and to the final outcome (the end of the last proceeding, for
/// cases with none still running). A stage's event is dated by the stage's end; an officer event by its own date, and it
/// is timed only when the first one is known to the day (a case whose first arrest is known only to its month counts in
/// the share, not in the median). Removed officer events never count. Every share is given as "n of N"; a group under
/// <see cref="SmallGroup"/> cases is flagged, and its shares are shown as counts only.
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

    public sealed record Query : CaseFilter, IRequest<Report>
    {
        public ContrastGrouping GroupBy { get; init; }
    }

    /// <summary>One event in one group: cases with it, of the group's cases, and the median days from the incident (with how many it rests on).</summary>
    public sealed record EventFigure(string Event, int Cases, int Of, DurationSummary DaysFromIncident)
    {
        public double? Share => Of == 0 ? null : Cases / (double)Of;
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

    /// <summary>
    /// When an event first happened in a case: null when it never did; else the day it can be timed from (null when the
    /// first occurrence is not known to the day, or its date is unknown).
    /// </summary>
    public sealed record FirstEvent(DateOnly? Day);

    /// <summary>One case as the contrasts need it: its group keys, its incident, and the first occurrence of each event (null: none).</summary>
    public sealed record CaseEvents(
        int CaseId, OperationCategory Category, string Force, DateOnly? IncidentOn, DatePrecision IncidentPrecision, IncidentType IncidentType, Harm Harm, Jurisdiction Jurisdiction,
        FirstEvent? Arrested, FirstEvent? InterviewedUnderCaution, FirstEvent? Charged, FirstEvent? Convicted, FirstEvent? CaseToAnswer, FirstEvent? Dismissed, FirstEvent? FinalOutcome);

    /// <summary>One case's stage-recorded days, as read in SQL.</summary>
    private sealed record CaseStages(
        int CaseId, OperationCategory Category, string Force, DateOnly? IncidentOn, DatePrecision IncidentPrecision, IncidentType IncidentType, Harm Harm, Jurisdiction Jurisdiction,
        DateOnly? Charged, DateOnly? Convicted, DateOnly? CaseToAnswer, DateOnly? Dismissed, DateOnly? FinalOutcome);

    /// <summary>The officer events of one kind in one case: the earliest possible day of the first dated one, and the first exact day.</summary>
    private sealed record CaseEventDays(int CaseId, OfficerEventKind Kind, DateOnly? Earliest, DateOnly? FirstExact);

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
    /// One row per filtered case: the stage-recorded days read in SQL as the earliest (final outcome: latest) end of a
    /// matching stage, then one grouped read of the officer events of those cases (per case and kind: the earliest day and
    /// the first exact day of the events not removed).
    /// </summary>
    public static async Task<List<CaseEvents>> ReadAsync(TrackerDbContext db, CaseFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var proceedings = Proceedings.ToList();
        var cases = filter.Apply(db.Cases.AsNoTracking());
        var stages = await cases
            .Select(c => new CaseStages(
                c.Id, c.Category, c.Force, c.IncidentOn, c.IncidentPrecision, c.IncidentType, c.Harm, c.Jurisdiction,
                c.Stages.Where(s => s.OutcomeType == OutcomeType.Charged && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Where(s => s.OutcomeType == OutcomeType.Convicted && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Where(s => (s.OutcomeType == OutcomeType.CaseToAnswerGrossMisconduct || s.OutcomeType == OutcomeType.CaseToAnswerMisconduct) && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Where(s => s.OutcomeType == OutcomeType.Dismissed && s.Kind == StageKind.MisconductProceedings && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Any(s => proceedings.Contains(s.Kind) && !s.HasEnded) ? null : c.Stages.Where(s => proceedings.Contains(s.Kind) && s.HasEnded).Max(s => s.EndOn)))
            .ToListAsync(cancellationToken);
        var kinds = EventKinds.ToList();
        var events = (await db.OfficerEvents.AsNoTracking()
                .Where(e => !e.IsRemoved && kinds.Contains(e.Kind) && cases.Any(c => c.Id == e.CaseId))
                .GroupBy(e => new { e.CaseId, e.Kind })
                .Select(g => new CaseEventDays(g.Key.CaseId, g.Key.Kind, g.Min(e => e.OccurredOn), g.Min(e => e.Precision == DatePrecision.Day ? e.OccurredOn : null)))
                .ToListAsync(cancellationToken))
            .ToDictionary(e => (e.CaseId, e.Kind));

        FirstEvent? Officer(int caseId, OfficerEventKind kind) => events.TryGetValue((caseId, kind), out var e) ? new FirstEvent(Timed(e)) : null;
        return [.. stages.Select(c => new CaseEvents(
            c.CaseId, c.Category, c.Force, c.IncidentOn, c.IncidentPrecision, c.IncidentType, c.Harm, c.Jurisdiction,
            Officer(c.CaseId, OfficerEventKind.Arrested), Officer(c.CaseId, OfficerEventKind.InterviewedUnderCaution),
            Earlier(Stage(c.Charged), Officer(c.CaseId, OfficerEventKind.Charged), events.GetValueOrDefault((c.CaseId, OfficerEventKind.Charged))),
            Stage(c.Convicted), Stage(c.CaseToAnswer), Stage(c.Dismissed), Stage(c.FinalOutcome)))];
    }

    private static FirstEvent? Stage(DateOnly? end) => end is null ? null : new FirstEvent(end);

    /// <summary>The first event is timed only when no month- or year-precision one could have come before the first exact one (an undated event counts in the share only).</summary>
    private static DateOnly? Timed(CaseEventDays e) => e.FirstExact is { } exact && e.Earliest == exact ? exact : null;

    /// <summary>"Charged": the stage's outcome or an officer event, whichever came first; untimed when an imprecise event may have come first.</summary>
    private static FirstEvent? Earlier(FirstEvent? stage, FirstEvent? officer, CaseEventDays? days)
    {
        if (stage is null || officer is null)
        {
            return stage ?? officer;
        }

        if (officer.Day is { } exact)
        {
            return new FirstEvent(exact < stage.Day ? exact : stage.Day);
        }

        // The officer events' first date is imprecise: the stage's day stands only if none of them can be earlier.
        return new FirstEvent(days?.Earliest is not { } earliest || earliest >= stage.Day ? stage.Day : null);
    }

    /// <summary>The figures of a set of cases; timings only from incidents known to the day.</summary>
    public static Group Summarise(string code, string label, IReadOnlyList<CaseEvents> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        EventFigure Figure(string name, Func<CaseEvents, FirstEvent?> first)
        {
            var with = cases.Where(c => first(c) is not null).ToList();
            var days = with.Where(c => c.IncidentPrecision == DatePrecision.Day && c.IncidentOn is not null && first(c)!.Day is { } day && day >= c.IncidentOn)
                .Select(c => first(c)!.Day!.Value.DayNumber - c.IncidentOn!.Value.DayNumber);
            return new EventFigure(name, with.Count, cases.Count, DurationSummary.Of(days));
        }

        return new Group(code, label, cases.Count, cases.Count < SmallGroup,
        [
            Figure("arrested", c => c.Arrested), Figure("interviewed_under_caution", c => c.InterviewedUnderCaution),
            Figure("charged", c => c.Charged), Figure("convicted", c => c.Convicted), Figure("misconduct_case_to_answer", c => c.CaseToAnswer),
            Figure("dismissed", c => c.Dismissed), Figure("final_outcome", c => c.FinalOutcome),
        ]);
    }

    private static (string Code, string Label) KeyOf(ContrastGrouping grouping, CaseEvents c) => grouping switch
    {
        ContrastGrouping.Force => (c.Force, c.Force),
        ContrastGrouping.IncidentYear => c.IncidentOn is { } d && c.IncidentPrecision != DatePrecision.Unknown ? (d.Year.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture)) : ("unknown", "Unknown"),
        ContrastGrouping.IncidentType => (c.IncidentType.ToString(), c.IncidentType.DisplayName()),
        ContrastGrouping.Harm => (c.Harm.ToString(), c.Harm.DisplayName()),
        ContrastGrouping.Jurisdiction => (c.Jurisdiction.ToString(), c.Jurisdiction.DisplayName()),
        _ => (c.Category.ToString(), c.Category.DisplayName()),
    };
}
