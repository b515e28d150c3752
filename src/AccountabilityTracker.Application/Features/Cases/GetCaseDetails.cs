using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>One case with its officers and a chronological timeline of stages and milestones, each with its sources.</summary>
public static class GetCaseDetails
{
    public sealed record Query(int Id) : IRequest<Result?>, IReadsStoredClocks;

    /// <summary>The case as the current user may see it: restricted fields are null unless the role allows them.</summary>
    public sealed record Result(
        int Id,
        string Reference,
        string Title,
        string Subject,
        PartialDate IncidentDate,
        TimeOnly? IncidentTime,
        string Location,
        string Force,
        IncidentType IncidentType,
        Harm Harm,
        OperationCategory Category,
        string? Summary,
        string? ConfidentialNotes,
        bool IsArchived,
        IReadOnlyList<OfficerView> Officers,
        IReadOnlyList<TimelineEntry> Timeline,
        IReadOnlyList<SourceView> CaseSources,
        ClockView CaseClock,
        Guid Version)
    {
        public Jurisdiction Jurisdiction { get; init; } = Jurisdiction.EnglandAndWales;

        public CaseStatus Status { get; init; }

        /// <summary>"Open", "Awaiting: …" (also when no stage runs), or "Closed on …: reason".</summary>
        public string StatusText { get; init; } = "Open";

        /// <summary>True when the case waits past the expected date of its next step with no stage running.</summary>
        public bool IsStalled { get; init; }

        /// <summary>What happened to each officer (arrested, suspended, charged…), in date order; removed ones are not here.</summary>
        public IReadOnlyList<OfficerEventView> OfficerEvents { get; init; } = [];
    }

    /// <summary>
    /// An officer event or period as the current user may see it: the officer by <see cref="OfficerDesignation"/> (a
    /// restricted name only for roles allowed it). A period without an end is running: its duration counts to today.
    /// </summary>
    public sealed record OfficerEventView(
        int Id,
        int OfficerId,
        string OfficerDesignation,
        OfficerEventKind Kind,
        PartialDate Date,
        PartialDate? End,
        bool IsPeriod,
        bool IsRunning,
        DayRange? Duration,
        string? Notes)
    {
        public string KindName => Kind.DisplayName();

        public static OfficerEventView From(OfficerEvent officerEvent, Officer officer, bool canSeeRestricted, DateOnly today)
        {
            ArgumentNullException.ThrowIfNull(officerEvent);
            ArgumentNullException.ThrowIfNull(officer);
            return new(
                officerEvent.Id, officer.Id, officer.Designation(canSeeRestricted), officerEvent.Kind, officerEvent.Date, officerEvent.End,
                officerEvent.Kind.IsPeriod(), officerEvent.IsOpenPeriod, officerEvent.Duration(today), officerEvent.Notes);
        }
    }

    /// <summary>An officer as the current user may see them: a restricted <see cref="RealName"/> is null unless the role allows it.</summary>
    public sealed record OfficerView(
        int Id,
        string? Cipher,
        string? RealName,
        bool UnderAnonymityOrder,
        DateOnly? PubliclyNamedOn,
        bool NameIsPublic = false,
        string Designation = "",
        DateOnly? AnonymityOrderMadeOn = null,
        DateOnly? AnonymityOrderVariedOn = null,
        DateOnly? AnonymityOrderLiftedOn = null,
        string? Notes = null)
    {
        /// <summary>The concurrency token to send back with an edit of this officer.</summary>
        public Guid Version { get; init; }

        public static OfficerView From(Officer officer, bool canSeeRestricted)
        {
            ArgumentNullException.ThrowIfNull(officer);
            return new(
                officer.Id, officer.Cipher, officer.VisibleName(canSeeRestricted), officer.UnderAnonymityOrder, officer.PubliclyNamedOn, officer.NameIsPublic,
                officer.Designation(canSeeRestricted), officer.AnonymityOrderMadeOn, officer.AnonymityOrderVariedOn, officer.AnonymityOrderLiftedOn, officer.Notes)
            {
                Version = officer.Version,
            };
        }
    }

    public sealed record SourceView(int Id, string Url, string? Publisher, DateOnly? PublishedOn, string? Quote)
    {
        /// <summary>The concurrency token to send back with an edit of this source.</summary>
        public Guid Version { get; init; }

        public static SourceView From(Source source)
        {
            ArgumentNullException.ThrowIfNull(source);
            return new(source.Id, source.Url, source.Publisher, source.PublishedOn, source.Quote) { Version = source.Version };
        }
    }

    public enum EntryType
    {
        Stage = 1,
        Milestone = 2,
    }

    public sealed record TimelineEntry(
        EntryType Type,
        int Id,
        StageKind? Kind,
        string Label,
        PartialDate Start,
        PartialDate? End,
        bool IsRunning,
        DayRange? Duration,
        string? Outcome,
        IReadOnlyList<SourceView> Sources,
        ClockView? Clock = null,
        OutcomeType OutcomeType = OutcomeType.None)
    {
        /// <summary>The stage's or milestone's concurrency token, to send back with an edit or a stage action.</summary>
        public Guid Version { get; init; }

        /// <summary>Ended, but on a day nobody published: never read as running, and no duration.</summary>
        public bool EndedDateUnknown => Type == EntryType.Stage && !IsRunning && End is { IsKnown: false };

        public string KindName => Type == EntryType.Milestone
            ? (MilestoneType == MilestoneType.Other ? "Milestone" : MilestoneType.IsNationalContext() ? "National context: " + MilestoneType.DisplayName() : MilestoneType.DisplayName())
            : Kind?.DisplayName() ?? "Other";

        /// <summary>A milestone's type (Other when untyped); an event-to-event clock runs from it when a rule says so.</summary>
        public MilestoneType MilestoneType { get; init; }

        /// <summary>A review, statement or law change beyond the case: shown, never counted as its proceedings.</summary>
        public bool IsNationalContext => Type == EntryType.Milestone && MilestoneType.IsNationalContext();
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time, ICurrentUser currentUser, LimitRuleBook rules)
        : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await CaseReading.LoadVisibleAsync(db, currentUser, request.Id, cancellationToken);
            if (found is null)
            {
                return null;
            }

            var today = time.TodayInEngland();
            var sourcesByStage = found.Sources.Where(s => s.StageId is not null).ToLookup(s => s.StageId!.Value);
            var sourcesByMilestone = found.Sources.Where(s => s.MilestoneId is not null).ToLookup(s => s.MilestoneId!.Value);

            var ruleSet = await rules.GetAsync(cancellationToken);
            var stages = found.Stages.Select(s => new TimelineEntry(
                EntryType.Stage, s.Id, s.Kind, s.Label, s.Start, s.End, s.IsRunning, s.Duration(today), s.Outcome, ToViews(sourcesByStage[s.Id]),
                StoredClockViews.OfStage(s, ruleSet.For(s.Kind, found.Jurisdiction), today), s.OutcomeType) { Version = s.Version });
            var milestones = found.Milestones.Select(m => new TimelineEntry(
                EntryType.Milestone, m.Id, null, m.Label, m.Date, null, false, null, m.Notes, ToViews(sourcesByMilestone[m.Id]),
                ruleSet.ForMilestone(m.Type, found.Jurisdiction) is { } eventRule ? StoredClockViews.OfMilestone(m, eventRule, today) : null)
            {
                Version = m.Version,
                MilestoneType = m.Type,
            });
            var timeline = stages.Concat(milestones)
                .OrderBy(e => e.Start)
                .ThenBy(e => e.End ?? PartialDate.Unknown)
                .ThenBy(e => e.Type)
                .ThenBy(e => e.Id)
                .ToList();

            var officers = found.Officers
                .OrderBy(o => o.Cipher is null)
                .ThenBy(o => o.Cipher, StringComparer.Ordinal)
                .ThenBy(o => o.Id)
                .Select(o => OfficerView.From(o, currentUser.CanSeeRestricted))
                .ToList();
            var caseSources = ToViews(found.Sources.Where(s => s.StageId is null && s.MilestoneId is null));

            return new Result(
                found.Id, found.Reference, found.Title, found.Subject, found.IncidentDate, found.IncidentTime, found.Location, found.Force,
                found.IncidentType, found.Harm, found.Category, found.Summary,
                currentUser.CanSeeRestricted ? found.ConfidentialNotes : null, found.IsArchived, officers, timeline, caseSources,
                StoredClockViews.OfCase(found, ruleSet.WholeCaseFor(found.Jurisdiction), today),
                found.Version)
            {
                Jurisdiction = found.Jurisdiction,
                Status = found.Status,
                StatusText = Case.DescribeStatus(found.Status, found.StatusNote, found.ClosedOn, found.ExpectedOn, found.Stages.Any(s => s.IsRunning)),
                IsStalled = found.IsStalledOn(today),
                OfficerEvents = OfficerEventViews(found, currentUser.CanSeeRestricted, today),
            };
        }

        internal static List<OfficerEventView> OfficerEventViews(Case found, bool canSeeRestricted, DateOnly today)
        {
            var officers = found.Officers.ToDictionary(o => o.Id);
            return [.. found.OfficerEvents
                .Where(e => !e.IsRemoved && officers.ContainsKey(e.OfficerId))
                .OrderBy(e => e.Date).ThenBy(e => e.Id)
                .Select(e => OfficerEventView.From(e, officers[e.OfficerId], canSeeRestricted, today))];
        }

        private static List<SourceView> ToViews(IEnumerable<Source> sources) =>
            sources.OrderBy(s => s.Id).Select(SourceView.From).ToList();
    }
}
