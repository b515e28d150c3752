using System.Globalization;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// A case's timeline as the interactive chart draws it: one lane per stage kind, stages as bars (running ones to
/// today), pauses and limit due dates in their stage's lane, milestones as points, officer events and periods in an officer lane, each with its dates, outcome and
/// sources. It carries no restricted field (no officer names, no confidential notes) for any role.
/// </summary>
public static class GetCaseTimeline
{
    public const string MilestoneLane = "Milestones";
    public const string WholeCaseLane = "WholeCase";
    public const string OfficerLane = "Officers";
    public const string NationalContextLane = "NationalContext";

    public sealed record Query(int Id) : IRequest<Result?>, IReadsStoredClocks;

    public sealed record Result(
        int CaseId,
        string Reference,
        string Title,
        TimelineDate Incident,
        DateOnly Today,
        IReadOnlyList<Lane> Lanes,
        IReadOnlyList<Item> Items,
        IReadOnlyList<Item> Undated);

    public sealed record Lane(string Id, string Name);

    public enum ItemType
    {
        Stage = 1,
        Milestone = 2,
        Pause = 3,
        Limit = 4,

        /// <summary>An officer event (a point) or period (suspension, restricted duties: a bar, to today while it runs).</summary>
        OfficerEvent = 5,
    }

    /// <summary>
    /// One thing to draw. <see cref="End"/> is null for a point (milestone, limit) and for a running stage or open pause,
    /// which the chart extends to <see cref="Result.Today"/>. <see cref="StageId"/> ties a pause or a limit to its stage.
    /// </summary>
    public sealed record Item(
        string Id,
        ItemType Type,
        string Lane,
        string KindName,
        string Label,
        TimelineDate Start,
        TimelineDate? End,
        bool IsRunning,
        string? Duration,
        string? Outcome,
        TimelineClock? Clock,
        IReadOnlyList<GetCaseDetails.SourceView> Sources,
        string? StageId = null);

    internal sealed class Handler(TrackerDbContext db, TimeProvider time, LimitRuleBook rules, ICurrentUser currentUser) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await CaseReading.LoadVisibleAsync(db, currentUser, request.Id, cancellationToken);
            if (found is null)
            {
                return null;
            }

            var today = time.TodayInEngland();
            var ruleSet = await rules.GetAsync(cancellationToken);
            var sourcesByStage = found.Sources.Where(s => s.StageId is not null).ToLookup(s => s.StageId!.Value);
            var sourcesByMilestone = found.Sources.Where(s => s.MilestoneId is not null).ToLookup(s => s.MilestoneId!.Value);
            var items = new List<Item>();

            foreach (var stage in found.Stages.OrderBy(s => s.Start).ThenBy(s => s.Id))
            {
                var lane = stage.Kind.ToString();
                var stageId = Key("stage", stage.Id);
                var sources = ToViews(sourcesByStage[stage.Id]);
                var rule = ruleSet.For(stage.Kind, found.Jurisdiction);
                var clock = StoredClockViews.OfStage(stage, rule, today);
                var duration = stage.Duration(today) is { } days ? days + (stage.IsRunning ? " so far" : string.Empty) : null;
                items.Add(new Item(
                    stageId, ItemType.Stage, lane, stage.Kind.DisplayName(), stage.Label, TimelineDate.From(stage.Start),
                    stage.End is { } end ? TimelineDate.From(end) : null, stage.IsRunning, duration, stage.Outcome,
                    clock.Status == ClockStatus.NotApplicable ? null : TimelineClock.From(clock), sources));

                foreach (var pause in stage.Pauses.OrderBy(p => p.From))
                {
                    var pausedDays = (pause.To ?? today).DayNumber - pause.From.DayNumber;
                    items.Add(new Item(
                        Key("pause", pause.Id), ItemType.Pause, lane, "Clock paused", "Clock paused: " + stage.Label,
                        TimelineDate.From(PartialDate.OnDay(pause.From)), pause.To is { } to ? TimelineDate.From(PartialDate.OnDay(to)) : null,
                        pause.IsOpen, string.Format(CultureInfo.InvariantCulture, "{0:N0} {1} paused{2}", pausedDays, pausedDays == 1 ? "day" : "days", pause.IsOpen ? " so far" : string.Empty),
                        pause.Reason, null, sources, stageId));
                }

                if (clock.DueDate is { } due)
                {
                    items.Add(LimitItem(Key("limit", stage.Id), lane, stage.Label, clock, due, sources, stageId));
                }
            }

            foreach (var milestone in found.Milestones.OrderBy(m => m.Date).ThenBy(m => m.Id))
            {
                // National context (reviews, statements, law changes) sits in a lane of its own: it is not the case's proceedings.
                var national = milestone.Type.IsNationalContext();
                var milestoneId = Key("milestone", milestone.Id);
                var sources = ToViews(sourcesByMilestone[milestone.Id]);
                items.Add(new Item(
                    milestoneId, ItemType.Milestone, national ? NationalContextLane : MilestoneLane,
                    milestone.Type == MilestoneType.Other ? "Milestone" : milestone.Type.DisplayName(), milestone.Label, TimelineDate.From(milestone.Date),
                    null, false, null, milestone.Notes, null, sources));

                if (ruleSet.ForMilestone(milestone.Type, found.Jurisdiction) is { } eventRule)
                {
                    var eventClock = StoredClockViews.OfMilestone(milestone, eventRule, today);
                    if (eventClock.DueDate is { } eventDue)
                    {
                        items.Add(LimitItem(Key("limit-milestone", milestone.Id), MilestoneLane, milestone.Label, eventClock, eventDue, sources, milestoneId));
                    }
                }
            }

            // The officer lane names officers by cipher or public name only: the timeline carries no restricted field for any role.
            foreach (var officerEvent in GetCaseDetails.Handler.OfficerEventViews(found, canSeeRestricted: false, today))
            {
                var duration = officerEvent.Duration is { } lasted ? lasted + (officerEvent.IsRunning ? " so far" : string.Empty) : null;
                items.Add(new Item(
                    Key("officer-event", officerEvent.Id), ItemType.OfficerEvent, OfficerLane, officerEvent.KindName,
                    officerEvent.OfficerDesignation + ": " + officerEvent.KindName, TimelineDate.From(officerEvent.Date),
                    officerEvent.End is { } end ? TimelineDate.From(end) : null, officerEvent.IsRunning, duration, officerEvent.Notes, null, []));
            }

            var caseClock = StoredClockViews.OfCase(found, ruleSet.WholeCaseFor(found.Jurisdiction), today);
            if (caseClock.DueDate is { } caseDue)
            {
                items.Add(LimitItem("limit-case", WholeCaseLane, "the whole case", caseClock, caseDue, ToViews(found.Sources.Where(s => s.StageId is null && s.MilestoneId is null)), null));
            }

            var lanes = found.Stages.Select(s => s.Kind).Distinct().Order()
                .Select(k => new Lane(k.ToString(), k.DisplayName()))
                .Append(new Lane(MilestoneLane, "Milestones"))
                .Concat(items.Any(i => i.Lane == NationalContextLane) ? [new Lane(NationalContextLane, "National context")] : [])
                .Concat(items.Any(i => i.Lane == OfficerLane) ? [new Lane(OfficerLane, "Officers")] : [])
                .Concat(items.Any(i => i.Lane == WholeCaseLane) ? [new Lane(WholeCaseLane, "Whole case")] : [])
                .ToList();

            return new Result(
                found.Id, found.Reference, found.Title, TimelineDate.From(found.IncidentDate), today, lanes,
                [.. items.Where(i => i.Start.IsKnown)], [.. items.Where(i => !i.Start.IsKnown)]);
        }

        private static Item LimitItem(string id, string lane, string what, ClockView clock, DateOnly due, IReadOnlyList<GetCaseDetails.SourceView> sources, string? stageId) => new(
            id, ItemType.Limit, lane, "Time limit", string.Format(CultureInfo.InvariantCulture, "Limit for {0}: {1}", what, clock.LimitText ?? "set"),
            TimelineDate.Between(clock.DueEarliest ?? due, due), null, false, null, clock.StatusText + ": " + clock.Text, TimelineClock.From(clock), sources, stageId);

        private static string Key(string type, int id) => string.Create(CultureInfo.InvariantCulture, $"{type}-{id}");

        private static List<GetCaseDetails.SourceView> ToViews(IEnumerable<Source> sources) =>
            sources.OrderBy(s => s.Id).Select(GetCaseDetails.SourceView.From).ToList();
    }
}
