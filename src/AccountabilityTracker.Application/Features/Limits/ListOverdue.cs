using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>
/// Running stages (and cases) across all active cases that are overdue or approaching their limit, furthest over
/// first; filterable by force, clock (a stage kind or the whole case) and operation category; paged.
/// </summary>
public static class ListOverdue
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record Query : IRequest<Result>, IReadsStoredClocks
    {
        public string? Force { get; init; }

        /// <summary>A stage kind's name, or "WholeCase"; empty for every clock.</summary>
        public string? Clock { get; init; }

        public OperationCategory? Category { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = DefaultPageSize;
    }

    public sealed record Result(PagedResult<Item> Page, int OverdueCount, int ApproachingCount, DateOnly Today)
    {
        /// <summary>Cases with no running stage, not closed, waiting past the expected date of their next step (most overdue first).</summary>
        public IReadOnlyList<StalledCase> Stalled { get; init; } = [];

        public int StalledCount { get; init; }
    }

    /// <summary>A case waiting for a next step that is late: no stage runs, it is not closed, and its expected date has passed.</summary>
    public sealed record StalledCase(int CaseId, string CaseReference, string CaseTitle, string Force, string Awaiting, DateOnly ExpectedOn, int DaysLate);

    public sealed record Item(
        int CaseId,
        string CaseReference,
        string CaseTitle,
        string Force,
        OperationCategory Category,
        int? StageId,
        StageKind? Kind,
        string Label,
        PartialDate Start,
        ClockView Clock)
    {
        public string ClockName => EventRuleName ?? LimitRuleSetting.DisplayNameFor(Kind);

        /// <summary>The milestone an event-to-event clock runs from; null for stage and whole-case clocks.</summary>
        public int? MilestoneId { get; init; }

        /// <summary>The event-to-event rule ("Papers to chair → pre-hearing held (England &amp; Wales)"), or null.</summary>
        public string? EventRuleName { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Force).MaximumLength(TextLimits.Force);
            RuleFor(q => q.Clock).Must(c => string.IsNullOrEmpty(c) || LimitRuleSetting.TryParseKey(c, out _)).WithMessage("Choose a clock from the list.");
            RuleFor(q => q.Category).IsInEnum().WithMessage("Choose an operation category from the list.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage("Page size must be between 1 and {To}.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ReadCache cache, ClockEvaluator clocks) : IRequestHandler<Query, Result>
    {
        /// <summary>Every reader sees the same rows: a page is computed once per data version and day (see <see cref="ReadCache"/>).</summary>
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            return await cache.GetAsync(db, "overdue-list:" + request, ct => ComputeAsync(request, ct), cancellationToken);
        }

        private async Task<Result> ComputeAsync(Query request, CancellationToken cancellationToken)
        {
            StageKind? kind = null;
            var wholeCase = !string.IsNullOrEmpty(request.Clock) && LimitRuleSetting.TryParseKey(request.Clock, out kind) && kind is null;
            var filter = new OverdueScan.Filter(request.Force?.Trim(), request.Category, kind, wholeCase);
            var today = clocks.Today();
            var counts = await cache.GetAsync(db, "overdue-counts:" + filter, ct => OverdueScan.CountAsync(db, today, filter, ct), cancellationToken);

            var rows = await OverdueScan.PageAsync(db, await rules.GetAsync(cancellationToken), today, filter, (request.Page - 1) * request.PageSize, request.PageSize, cancellationToken);
            var items = rows
                .Select(r => new Item(r.CaseId, r.CaseReference, r.CaseTitle, r.Force, r.Category, r.StageId, r.Kind, r.Label, r.Start, r.Clock) { MilestoneId = r.MilestoneId, EventRuleName = r.EventRuleName })
                .ToList();
            var (stalled, stalledCount) = filter.Kind is null ? await StalledAsync(filter, today, cancellationToken) : ([], 0);
            return new Result(new PagedResult<Item>(items, request.Page, request.PageSize, counts.Flagged), counts.Overdue, counts.Approaching, today)
            {
                Stalled = stalled,
                StalledCount = stalledCount,
            };
        }

        /// <summary>Stalled cases from stored columns (status, expected date, whether a stage runs): one indexed query, no clock evaluated.</summary>
        private async Task<(IReadOnlyList<StalledCase> Rows, int Count)> StalledAsync(OverdueScan.Filter filter, DateOnly today, CancellationToken cancellationToken)
        {
            var cases = db.Cases.AsNoTracking().Where(FactExpressions.Bind(Case.Stalled, today)).Where(c => !c.IsArchived);
            if (!string.IsNullOrWhiteSpace(filter.Force))
            {
                cases = cases.Where(c => c.Force == filter.Force);
            }

            if (filter.Category is { } category)
            {
                cases = cases.Where(c => c.Category == category);
            }

            var count = await cases.CountAsync(cancellationToken);
            var rows = await cases.OrderBy(c => c.ExpectedOn).ThenBy(c => c.Reference).Take(MaxPageSize)
                .Select(c => new { c.Id, c.Reference, c.Title, c.Force, c.StatusNote, c.ExpectedOn })
                .ToListAsync(cancellationToken);
            return (rows.Select(c => new StalledCase(c.Id, c.Reference, c.Title, c.Force, c.StatusNote ?? "next step not recorded", c.ExpectedOn!.Value, today.DayNumber - c.ExpectedOn.Value.DayNumber)).ToList(), count);
        }
    }
}
