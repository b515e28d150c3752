using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

public enum CaseSort
{
    IncidentNewest = 0,
    IncidentOldest = 1,
    Reference = 2,
    Title = 3,
    Force = 4,
    ReferenceDescending = 5,
    TitleDescending = 6,
    ForceDescending = 7,
}

/// <summary>
/// The case list: active cases, filtered and paged, newest incident first by default. Every filter runs in the
/// database, the clock status too: it compares the stored clocks' due and warning dates with today.
/// </summary>
public static class ListCases
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record Query : CaseFilter, IRequest<PagedResult<Item>>
    {
        /// <summary>Cases whose whole-case clock, or the clock of any of their stages, has this status today.</summary>
        public ClockStatus? ClockStatus { get; init; }

        public CaseSort Sort { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = DefaultPageSize;
    }

    public sealed record Item(
        int Id,
        string Reference,
        string Title,
        string Subject,
        PartialDate IncidentDate,
        string Force,
        OperationCategory Category,
        int StageCount,
        int RunningStageCount,
        ClockView CaseClock,
        int OverdueStageCount,
        int ApproachingStageCount);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new CaseFilterValidator());
            RuleFor(q => q.ClockStatus).IsInEnum().NotEqual(Domain.Clocks.ClockStatus.NotApplicable).WithMessage("Choose a clock status from the list.");
            RuleFor(q => q.Sort).IsInEnum().WithMessage("Choose a sort order from the list.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage("Page size must be between 1 and {To}.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockFreshness freshness, ReadCache cache, ClockEvaluator clocks) : IRequestHandler<Query, PagedResult<Item>>
    {
        public async Task<PagedResult<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            await freshness.EnsureFreshAsync(db, cancellationToken);
            var today = clocks.Today();
            var cases = request.Apply(db.Cases.AsNoTracking());
            if (request.ClockStatus is { } status)
            {
                cases = WithClockStatus(cases, status, today);
            }

            var total = await cache.GetAsync(db, "case-count:" + (request with { Sort = default, Page = 1, PageSize = 1 }), cases.CountAsync, cancellationToken);
            var skip = (request.Page - 1) * request.PageSize;
            var overdue = StoredClocks.OfStage(StoredClocks.HasStatus(Domain.Clocks.ClockStatus.Overdue, today));
            var approaching = StoredClocks.OfStage(StoredClocks.HasStatus(Domain.Clocks.ClockStatus.Approaching, today));
            // The page's ids first (a narrow, indexed read), then its rows with their stage counts: the counts are
            // computed for the rows shown, never for every case the sort passes over.
            var pageIds = await Sorted(cases, request.Sort).Skip(skip).Take(request.PageSize).Select(c => c.Id).ToListAsync(cancellationToken);
            var found = await db.Cases.AsNoTracking()
                .Where(c => pageIds.Contains(c.Id))
                .Select(c => new
                {
                    c.Id, c.Reference, c.Title, c.Subject, c.IncidentOn, c.IncidentPrecision, c.Force, c.Category, c.Clock,
                    StageCount = c.Stages.Count,
                    RunningStageCount = c.Stages.Count(s => !s.HasEnded),
                    OverdueStageCount = c.Stages.AsQueryable().Count(overdue),
                    ApproachingStageCount = c.Stages.AsQueryable().Count(approaching),
                })
                .ToListAsync(cancellationToken);
            var rows = found.OrderBy(r => pageIds.IndexOf(r.Id)).ToList();

            var caseRule = (await rules.GetAsync(cancellationToken)).WholeCase;
            var items = rows
                .Select(r => new Item(
                    r.Id, r.Reference, r.Title, r.Subject, PartialDate.FromStored(r.IncidentOn, r.IncidentPrecision), r.Force, r.Category, r.StageCount,
                    r.RunningStageCount, ClockView.From(r.Clock.ReadOn(today, caseRule)), r.OverdueStageCount, r.ApproachingStageCount))
                .ToList();
            return new PagedResult<Item>(items, request.Page, request.PageSize, total);
        }

        /// <summary>Cases whose whole-case clock, or the clock of any of their stages, has <paramref name="status"/> today.</summary>
        private static IQueryable<Case> WithClockStatus(IQueryable<Case> cases, ClockStatus status, DateOnly today)
        {
            var question = StoredClocks.HasStatus(status, today);
            var ofStage = StoredClocks.OfStage(question);
            var ofCase = StoredClocks.OfCase(question);
            var parameter = ofCase.Parameters[0];
            var anyStage = System.Linq.Expressions.Expression.Call(
                typeof(Queryable),
                nameof(Queryable.Any),
                [typeof(Stage)],
                System.Linq.Expressions.Expression.Call(
                    typeof(Queryable), nameof(Queryable.AsQueryable), [typeof(Stage)],
                    System.Linq.Expressions.Expression.Property(parameter, nameof(Case.Stages))),
                ofStage);
            var either = System.Linq.Expressions.Expression.Lambda<Func<Case, bool>>(
                System.Linq.Expressions.Expression.OrElse(ofCase.Body, anyStage), parameter);
            return cases.Where(either);
        }

        private static IQueryable<Case> Sorted(IQueryable<Case> cases, CaseSort sort) => sort switch
        {
            CaseSort.IncidentOldest => cases.OrderBy(c => c.IncidentOn).ThenBy(c => c.Id),
            CaseSort.Reference => cases.OrderBy(c => c.Reference).ThenBy(c => c.Id),
            CaseSort.ReferenceDescending => cases.OrderByDescending(c => c.Reference).ThenByDescending(c => c.Id),
            CaseSort.Title => cases.OrderBy(c => c.Title).ThenBy(c => c.Id),
            CaseSort.TitleDescending => cases.OrderByDescending(c => c.Title).ThenByDescending(c => c.Id),
            CaseSort.Force => cases.OrderBy(c => c.Force).ThenByDescending(c => c.IncidentOn).ThenBy(c => c.Id),
            CaseSort.ForceDescending => cases.OrderByDescending(c => c.Force).ThenByDescending(c => c.IncidentOn).ThenBy(c => c.Id),
            _ => cases.OrderByDescending(c => c.IncidentOn).ThenByDescending(c => c.Id),
        };
    }
}
