using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using AccountabilityTracker.Domain.Statistics;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>
/// Officer burden: for each officer record of the filtered cases whose incident is known to the day, the time from the
/// incident to the end of the last proceeding (investigation, charging decision, trial, misconduct proceedings, judicial
/// review, appeal; to today while one still runs) and the most proceedings certainly running at once; then the
/// distribution across officers (median, quartiles). Ends keep their precision (<see cref="Ending"/>): the last of
/// several ends is known within bounds, so the time is a range counted at its exact middle, and a case whose proceedings
/// all ended but one of them on an unknown date has a row with no time ("ended, date unknown"). An officer is shown by
/// cipher, else by name only where the viewer may see it. Stages belong to the case, so every officer of a case carries
/// its proceedings.
/// From the officer's own events (removed ones never count): the days suspended and the days on restricted duties (the
/// union of the periods of each kind, an open period running to today, overlapping periods counted once; only periods
/// whose start, and end once ended, are exact days are measured, and a row says how many could not be; a period that
/// ended on an unknown date has ended), and whether the officer was arrested, interviewed under caution or charged. A
/// second distribution covers the days suspended or on restricted duties of the officers with any such measured time.
/// </summary>
public static class GetOfficerBurden
{
    public sealed record Query : CaseFilter, IRequest<Report>;

    /// <summary>
    /// One officer record. <paramref name="LastEnd"/>: the end of the last proceeding within bounds (today while one runs;
    /// null when there is none or one ended undated), described in <paramref name="LastEndText"/>. <paramref name="Days"/>:
    /// from the incident to it, a range when an end is imprecise (null when <paramref name="LastEnd"/> is).
    /// </summary>
    public sealed record Row(int OfficerId, int CaseId, string CaseReference, string CaseTitle, string Force, OperationCategory Category, string Officer,
        DateOnly Incident, DateBounds? LastEnd, string LastEndText, bool StillRunning, DayRange? Days, string YearsMonths, int Proceedings, int MostAtOnce,
        int DaysSuspended, int DaysRestricted, int DaysSuspendedOrRestricted, bool PeriodRunning, int UnmeasuredPeriods, bool Arrested, bool InterviewedUnderCaution, bool Charged);

    /// <summary>
    /// <paramref name="Distribution"/>: days from the incident to the end of the last proceeding, across the rows that have them (ranges at their middle).
    /// <paramref name="SuspendedOrRestricted"/>: days suspended or on restricted duties, across the rows with any such measured time.
    /// </summary>
    public sealed record Report(string Filters, DateTime GeneratedAtUtc, DateOnly Today, IReadOnlyList<Row> Officers, DurationSummary Distribution, int WithoutExactIncident,
        DurationSummary SuspendedOrRestricted)
    {
        /// <summary>Rows without a time: no proceeding recorded, or the last one ended on an unknown date.</summary>
        public int Untimed => Officers.Count - Distribution.Count;

        /// <summary>Rows whose time is a range (an end known only to the month or year), counted at its middle.</summary>
        public int ApproximateTimings => Officers.Count(o => o.Days is { IsExact: false });
    }

    /// <summary>The officer event kinds the burden reads.</summary>
    public static readonly IReadOnlyList<OfficerEventKind> EventKinds =
        [OfficerEventKind.Suspended, OfficerEventKind.RestrictedDuties, OfficerEventKind.Arrested, OfficerEventKind.InterviewedUnderCaution, OfficerEventKind.Charged];

    /// <summary>One officer event as the burden reads it: its date and, for a period, its <see cref="Ending"/>.</summary>
    public sealed record EventRow(int OfficerId, OfficerEventKind Kind, PartialDate Date, Ending End);

    /// <summary>An officer's time suspended and on restricted duties, counted once each where periods overlap.</summary>
    public sealed record Periods(int DaysSuspended, int DaysRestricted, int DaysEither, bool Running, int Unmeasured);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new CaseFilterValidator());
    }

    internal sealed class Handler(TrackerDbContext db, ICurrentUser user, ClockEvaluator clocks, TimeProvider time) : IRequestHandler<Query, Report>
    {
        public async Task<Report> Handle(Query request, CancellationToken cancellationToken)
        {
            var today = clocks.Today();
            var proceedings = GetOutcomeContrasts.Proceedings.ToList();
            var cases = request.Apply(db.Cases.AsNoTracking());
            var officers = await db.Officers.AsNoTracking().Where(o => cases.Any(c => c.Id == o.CaseId))
                .Select(o => new { Officer = o, o.Case.Reference, o.Case.Title, o.Case.Force, o.Case.Category, o.Case.IncidentOn, o.Case.IncidentPrecision })
                .ToListAsync(cancellationToken);
            var caseIds = officers.Select(o => o.Officer.CaseId).Distinct().ToList();
            var stages = (await db.Stages.AsNoTracking().Where(s => caseIds.Contains(s.CaseId) && proceedings.Contains(s.Kind))
                .Select(s => new { s.CaseId, s.StartOn, s.StartPrecision, s.HasEnded, s.EndOn, s.EndPrecision })
                .ToListAsync(cancellationToken))
                .ToLookup(s => s.CaseId, s => (Start: PartialDate.FromStored(s.StartOn, s.StartPrecision), End: Ending.FromStored(s.HasEnded, s.EndOn, s.EndPrecision)));
            var kinds = EventKinds.ToList();
            var events = (await db.OfficerEvents.AsNoTracking().Where(e => !e.IsRemoved && kinds.Contains(e.Kind) && cases.Any(c => c.Id == e.CaseId))
                .Select(e => new { e.OfficerId, e.Kind, e.OccurredOn, e.Precision, e.EndedOn, e.EndPrecision })
                .ToListAsync(cancellationToken))
                .ToLookup(e => e.OfficerId, e => new EventRow(e.OfficerId, e.Kind, PartialDate.FromStored(e.OccurredOn, e.Precision), OfficerEvent.EndingFromStored(e.EndedOn, e.EndPrecision)));

            var rows = new List<Row>();
            var withoutIncident = 0;
            foreach (var o in officers.OrderBy(o => o.Reference, StringComparer.Ordinal).ThenBy(o => o.Officer.Id))
            {
                if (o.IncidentPrecision != DatePrecision.Day || o.IncidentOn is not { } incident)
                {
                    withoutIncident++;
                    continue;
                }

                var of = stages[o.Officer.CaseId].ToList();
                var running = of.Any(s => s.End.IsRunning);
                var last = of.Count == 0 ? null : running ? DateBounds.OnDay(today) : DateBounds.LastOf(of.Select(s => s.End.Bounds(today)));
                var lastText = of.Count == 0 ? "no proceeding recorded" : running ? "still running" : last is { } bounds ? bounds.ToString() : Ending.Undated.ToString();
                var days = last is { } end ? DayRange.Between(DateBounds.OnDay(incident), end) : (DayRange?)null;
                var own = events[o.Officer.Id].ToList();
                var periods = PeriodsOf(own, today);
                rows.Add(new Row(o.Officer.Id, o.Officer.CaseId, o.Reference, o.Title, o.Force, o.Category, o.Officer.Designation(user.CanSeeRestricted),
                    incident, last, lastText, running, days, last is { } l ? YearsMonths(incident, l) : string.Empty, of.Count, MostAtOnce(CertainSpans(of, today)),
                    periods.DaysSuspended, periods.DaysRestricted, periods.DaysEither, periods.Running, periods.Unmeasured,
                    own.Any(e => e.Kind == OfficerEventKind.Arrested), own.Any(e => e.Kind == OfficerEventKind.InterviewedUnderCaution), own.Any(e => e.Kind == OfficerEventKind.Charged)));
            }

            return new Report(request.Describe(), time.UtcNowDateTime(), today, rows, DurationSummary.Of(rows.Where(r => r.Days is not null).Select(r => r.Days!.Value.Middle)), withoutIncident,
                DurationSummary.Of(rows.Where(r => r.DaysSuspendedOrRestricted > 0).Select(r => r.DaysSuspendedOrRestricted)));
        }
    }

    /// <summary>"9 years 10 months": whole years, then whole months, from one day to another.</summary>
    public static string YearsMonths(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);
        var (years, rest) = (months / 12, months % 12);
        return (years, rest) switch
        {
            (0, _) => rest == 1 ? "1 month" : $"{rest} months",
            (_, 0) => years == 1 ? "1 year" : $"{years} years",
            _ => (years == 1 ? "1 year " : $"{years} years ") + (rest == 1 ? "1 month" : $"{rest} months"),
        };
    }

    /// <summary>The same to a day known within bounds: one phrase when both bounds give it, else "between … and …".</summary>
    public static string YearsMonths(DateOnly from, DateBounds to)
    {
        var (shortest, longest) = (YearsMonths(from, to.Earliest), YearsMonths(from, to.Latest));
        return shortest == longest ? shortest : $"between {shortest} and {longest}";
    }

    /// <summary>
    /// The days each proceeding certainly ran: from its latest possible start to its earliest possible end (today while
    /// running). Proceedings with an unknown start or an undated end, or too imprecise to be certain of any day, are left out.
    /// </summary>
    private static List<(DateOnly Start, DateOnly End)> CertainSpans(IEnumerable<(PartialDate Start, Ending End)> proceedings, DateOnly today) =>
        [.. proceedings
            .Select(p => (Start: p.Start.Latest, End: p.End.Bounds(today)?.Earliest))
            .Where(p => p.Start is not null && p.End is not null && p.Start <= p.End)
            .Select(p => (p.Start!.Value, p.End!.Value))];

    /// <summary>The most proceedings running on any one day (a proceeding runs from its start to its end, both included).</summary>
    public static int MostAtOnce(IReadOnlyList<(DateOnly Start, DateOnly End)> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var events = spans.SelectMany(s => new[] { (Day: s.Start.DayNumber, Change: 1), (Day: s.End.DayNumber + 1, Change: -1) })
            .OrderBy(e => e.Day).ThenBy(e => e.Change);
        int running = 0, most = 0;
        foreach (var e in events)
        {
            running += e.Change;
            most = Math.Max(most, running);
        }

        return most;
    }

    /// <summary>
    /// The days of one officer's suspensions and restricted duties: each period from its start to its end (to today while
    /// it runs; the end day not counted, as <see cref="OfficerEvent.Duration"/>), the periods of a kind merged so overlaps
    /// count once, and both kinds merged for the days suspended or restricted. A period whose start, or end, is not an exact
    /// day (a month, a year, or an end nobody published) is not measured and is counted in <see cref="Periods.Unmeasured"/>.
    /// </summary>
    public static Periods PeriodsOf(IEnumerable<EventRow> events, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(events);
        var periods = events.Where(e => e.Kind.IsPeriod()).ToList();
        var measured = periods.Where(Measurable)
            .Select(e => (e.Kind, Start: e.Date.Earliest!.Value.DayNumber, End: (e.End.IsRunning ? today : e.End.Date.Earliest!.Value).DayNumber)).ToList();
        return new Periods(
            UnionDays(measured.Where(p => p.Kind == OfficerEventKind.Suspended).Select(p => (p.Start, p.End))),
            UnionDays(measured.Where(p => p.Kind == OfficerEventKind.RestrictedDuties).Select(p => (p.Start, p.End))),
            UnionDays(measured.Select(p => (p.Start, p.End))),
            periods.Any(p => p.End.IsRunning),
            periods.Count(p => !Measurable(p)));

        static bool Measurable(EventRow e) => e.Date.IsExact && (e.End.IsRunning || e.End.Date.IsExact);
    }

    /// <summary>Days covered by half-open spans [start, end), each day once however many spans cover it.</summary>
    private static int UnionDays(IEnumerable<(int Start, int End)> spans)
    {
        int total = 0, reached = int.MinValue;
        foreach (var (start, end) in spans.Where(s => s.End > s.Start).OrderBy(s => s.Start))
        {
            var from = Math.Max(start, reached);
            if (end > from)
            {
                total += end - from;
                reached = end;
            }
        }

        return total;
    }
}
