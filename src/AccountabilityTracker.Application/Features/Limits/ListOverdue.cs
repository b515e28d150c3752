using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using MediatR;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>
/// Running stages (and cases) across all active cases that are overdue or approaching their limit, furthest over
/// first; filterable by force, clock (a stage kind or the whole case) and operation category; paged.
/// </summary>
public static class ListOverdue
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record Query : IRequest<Result>
    {
        public string? Force { get; init; }

        /// <summary>A stage kind's name, or "WholeCase"; empty for every clock.</summary>
        public string? Clock { get; init; }

        public OperationCategory? Category { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = DefaultPageSize;
    }

    public sealed record Result(PagedResult<Item> Page, int OverdueCount, int ApproachingCount, DateOnly Today);

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
        public string ClockName => LimitRuleSetting.DisplayNameFor(Kind);
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

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockFreshness freshness, ReadCache cache, ClockEvaluator clocks) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            StageKind? kind = null;
            var wholeCase = !string.IsNullOrEmpty(request.Clock) && LimitRuleSetting.TryParseKey(request.Clock, out kind) && kind is null;
            var filter = new OverdueScan.Filter(request.Force?.Trim(), request.Category, kind, wholeCase);
            await freshness.EnsureFreshAsync(db, cancellationToken);
            var today = clocks.Today();
            var counts = await cache.GetAsync(db, "overdue-counts:" + filter, ct => OverdueScan.CountAsync(db, today, filter, ct), cancellationToken);

            // A page past the last shows the last page rather than an empty one.
            var lastPage = Math.Max(1, (counts.Flagged + request.PageSize - 1) / request.PageSize);
            var page = Math.Min(request.Page, lastPage);
            var rows = await OverdueScan.PageAsync(db, await rules.GetAsync(cancellationToken), today, filter, (page - 1) * request.PageSize, request.PageSize, cancellationToken);
            var items = rows
                .Select(r => new Item(r.CaseId, r.CaseReference, r.CaseTitle, r.Force, r.Category, r.StageId, r.Kind, r.Label, r.Start, r.Clock))
                .ToList();
            return new Result(new PagedResult<Item>(items, page, request.PageSize, counts.Flagged), counts.Overdue, counts.Approaching, today);
        }
    }
}
