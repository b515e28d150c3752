using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>
/// Several cases side by side, aligned at day 0 = the incident: for every stage the days from the incident to its start
/// and to its end (to today while it runs), and for every milestone the days to it. A month- or year-precision date gives
/// a range ("about …"), never a false exact count. Archived cases are not compared; no restricted field is read.
/// </summary>
public static class CompareCases
{
    public const int MaxCases = 8;

    public sealed record Query : IRequest<Result>
    {
        /// <summary>The cases to compare, in the order given (bound from <c>?ids=1&amp;ids=2</c>).</summary>
        public IList<int> Ids { get; init; } = [];
    }

    public sealed record Result(IReadOnlyList<CaseColumn> Cases, IReadOnlyList<int> NotFound, DateOnly Today);

    public sealed record CaseColumn(int Id, string Reference, string Title, TimelineDate Incident, IReadOnlyList<Row> Stages, IReadOnlyList<Row> Milestones);

    /// <summary>
    /// A stage or milestone with its offsets from the incident. <see cref="EndOffset"/> is to the end, or to today while
    /// the stage runs; both are null when a date (or the incident date) is unknown.
    /// </summary>
    public sealed record Row(
        string Id,
        int EntityId,
        string KindName,
        string Label,
        TimelineDate Start,
        TimelineDate? End,
        bool IsRunning,
        DayOffset? StartOffset,
        DayOffset? EndOffset,
        string? Outcome);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Ids).Must(ids => ids.Distinct().Count() <= MaxCases).WithMessage($"Compare at most {MaxCases} cases at a time.");
            RuleForEach(q => q.Ids).GreaterThan(0).WithMessage("Case numbers are positive whole numbers.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var ids = request.Ids.Distinct().ToList();
            var today = time.TodayInEngland();
            if (ids.Count == 0)
            {
                return new Result([], [], today);
            }

            var found = await db.Cases
                .AsNoTracking()
                .AsSplitQuery()
                .Include(c => c.Stages)
                .Include(c => c.Milestones)
                .Where(c => ids.Contains(c.Id) && !c.IsArchived)
                .ToListAsync(cancellationToken);

            var columns = found
                .OrderBy(c => ids.IndexOf(c.Id))
                .Select(c => Column(c, today))
                .ToList();
            return new Result(columns, [.. ids.Except(found.Select(c => c.Id))], today);
        }

        private static CaseColumn Column(Case found, DateOnly today)
        {
            var incident = found.IncidentDate;
            var stages = found.Stages
                .OrderBy(s => s.Start).ThenBy(s => s.Id)
                .Select(s => new Row(
                    $"stage-{s.Id}", s.Id, s.Kind.DisplayName(), s.Label, TimelineDate.From(s.Start), s.End is { } end ? TimelineDate.From(end) : null,
                    s.IsRunning, DayOffset.From(incident.DaysUntil(s.Start)), DayOffset.From(incident.DaysUntil(s.End ?? PartialDate.OnDay(today))), s.Outcome))
                .ToList();
            var milestones = found.Milestones
                .OrderBy(m => m.Date).ThenBy(m => m.Id)
                .Select(m => new Row(
                    $"milestone-{m.Id}", m.Id, "Milestone", m.Label, TimelineDate.From(m.Date), null, false, DayOffset.From(incident.DaysUntil(m.Date)), null, m.Notes))
                .ToList();
            return new CaseColumn(found.Id, found.Reference, found.Title, TimelineDate.From(incident), stages, milestones);
        }
    }
}
