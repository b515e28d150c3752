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

    public sealed record Query : CaseFilter, IRequest<PagedResult<Item>>, IReadsStoredClocks
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

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook ruleBook, ReadCache cache, ClockEvaluator clocks) : IRequestHandler<Query, PagedResult<Item>>
    {
        /// <summary>
        /// The list shows every reader the same rows (no restricted field is among them), so a page is computed once per
        /// data version and day, then served from the <see cref="ReadCache"/> until something changes.
        /// </summary>
        public async Task<PagedResult<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            return await cache.GetAsync(db, "case-list:" + request, ct => ComputeAsync(request, ct), cancellationToken);
        }

        private async Task<PagedResult<Item>> ComputeAsync(Query request, CancellationToken cancellationToken)
        {
            var today = clocks.Today();
            var cases = request.Apply(db.Cases.AsNoTracking());
            if (request.ClockStatus is { } status)
            {
                cases = WithClockStatus(db, cases, status, today);
            }

            var total = await cache.GetAsync(db, "case-count:" + (request with { Sort = default, Page = 1, PageSize = 1 }), cases.CountAsync, cancellationToken);
            var skip = (request.Page - 1) * request.PageSize;

            // The page's ids first (a narrow read along a sort index), then those cases and their stages' stored clocks:
            // nothing is computed for the cases the sort passes over.
            var pageIds = await Sorted(cases, request.Sort).Skip(skip).Take(request.PageSize).Select(c => c.Id).ToListAsync(cancellationToken);
            var found = await db.Cases.AsNoTracking()
                .Where(c => pageIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Reference, c.Title, c.Subject, c.IncidentOn, c.IncidentPrecision, c.Force, c.Category, c.Clock })
                .ToListAsync(cancellationToken);
            var stages = (await db.Stages.AsNoTracking()
                    .Where(s => pageIds.Contains(s.CaseId))
                    .Select(s => new { s.CaseId, s.Kind, s.HasEnded, s.Clock })
                    .ToListAsync(cancellationToken))
                .ToLookup(s => s.CaseId);

            var rules = await ruleBook.GetAsync(cancellationToken);
            var items = found
                .OrderBy(c => pageIds.IndexOf(c.Id))
                .Select(c =>
                {
                    var statuses = stages[c.Id].Select(s => s.Clock.ReadOn(today, rules.For(s.Kind)).Status).ToList();
                    return new Item(
                        c.Id, c.Reference, c.Title, c.Subject, PartialDate.FromStored(c.IncidentOn, c.IncidentPrecision), c.Force, c.Category,
                        statuses.Count, stages[c.Id].Count(s => !s.HasEnded), ClockView.From(c.Clock.ReadOn(today, rules.WholeCase)),
                        statuses.Count(st => st == Domain.Clocks.ClockStatus.Overdue), statuses.Count(st => st == Domain.Clocks.ClockStatus.Approaching));
                })
                .ToList();
            return new PagedResult<Item>(items, request.Page, request.PageSize, total);
        }

        /// <summary>
        /// Cases whose whole-case clock, or the clock of any of their stages, has <paramref name="status"/> today. The
        /// stages are asked once (<c>Id IN (SELECT CaseId …)</c>), not once per case: a correlated EXISTS let SQLite walk
        /// the due-date index for every case, which grew with cases × stages.
        /// </summary>
        private static IQueryable<Case> WithClockStatus(TrackerDbContext db, IQueryable<Case> cases, ClockStatus status, DateOnly today)
        {
            var question = StoredClocks.HasStatus(status, today);
            var matching = db.Cases.Where(StoredClocks.OfCase(question)).Select(c => c.Id)
                .Concat(db.Stages.Where(StoredClocks.OfStage(question)).Select(s => s.CaseId));
            return cases.Where(c => matching.Contains(c.Id));
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
