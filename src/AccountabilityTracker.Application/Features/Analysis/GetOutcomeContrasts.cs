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
/// was charged, convicted, faced a misconduct case to answer or was dismissed (from the stages' controlled outcome types:
/// Charged, Convicted, CaseToAnswer(Gross)Misconduct, Dismissed on misconduct proceedings), with the median days from the
/// incident to each event (the end of the stage that recorded it) and to the final outcome (the end of the last
/// proceeding, for cases with none still running). Every share is given as "n of N"; a group under
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
    public static readonly IReadOnlyList<string> Events = ["charged", "convicted", "misconduct_case_to_answer", "dismissed", "final_outcome"];

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

    /// <summary>One case as the contrasts need it: its group keys, its incident, and the day of each event (null: none).</summary>
    public sealed record CaseEvents(
        int CaseId, OperationCategory Category, string Force, DateOnly? IncidentOn, DatePrecision IncidentPrecision, IncidentType IncidentType, Harm Harm, Jurisdiction Jurisdiction,
        DateOnly? Charged, DateOnly? Convicted, DateOnly? CaseToAnswer, DateOnly? Dismissed, DateOnly? FinalOutcome);

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

    /// <summary>One row per filtered case, each event's day read in SQL as the earliest (final outcome: latest) end of a matching stage.</summary>
    public static async Task<List<CaseEvents>> ReadAsync(TrackerDbContext db, CaseFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var proceedings = Proceedings.ToList();
        return await filter.Apply(db.Cases.AsNoTracking())
            .Select(c => new CaseEvents(
                c.Id, c.Category, c.Force, c.IncidentOn, c.IncidentPrecision, c.IncidentType, c.Harm, c.Jurisdiction,
                c.Stages.Where(s => s.OutcomeType == OutcomeType.Charged && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Where(s => s.OutcomeType == OutcomeType.Convicted && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Where(s => (s.OutcomeType == OutcomeType.CaseToAnswerGrossMisconduct || s.OutcomeType == OutcomeType.CaseToAnswerMisconduct) && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Where(s => s.OutcomeType == OutcomeType.Dismissed && s.Kind == StageKind.MisconductProceedings && s.HasEnded).Min(s => s.EndOn),
                c.Stages.Any(s => proceedings.Contains(s.Kind) && !s.HasEnded) ? null : c.Stages.Where(s => proceedings.Contains(s.Kind) && s.HasEnded).Max(s => s.EndOn)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The figures of a set of cases; timings only from incidents known to the day.</summary>
    public static Group Summarise(string code, string label, IReadOnlyList<CaseEvents> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        EventFigure Figure(string name, Func<CaseEvents, DateOnly?> day)
        {
            var with = cases.Where(c => day(c) is not null).ToList();
            var days = with.Where(c => c.IncidentPrecision == DatePrecision.Day && c.IncidentOn is not null && day(c) >= c.IncidentOn)
                .Select(c => day(c)!.Value.DayNumber - c.IncidentOn!.Value.DayNumber);
            return new EventFigure(name, with.Count, cases.Count, DurationSummary.Of(days));
        }

        return new Group(code, label, cases.Count, cases.Count < SmallGroup,
        [
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
