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
}

/// <summary>The case list: active cases, filtered and paged, newest incident first by default.</summary>
public static class ListCases
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record Query : CaseFilter, IRequest<PagedResult<Item>>
    {
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
            RuleFor(q => q.Sort).IsInEnum().WithMessage("Choose a sort order from the list.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage("Page size must be between 1 and {To}.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockEvaluator clocks) : IRequestHandler<Query, PagedResult<Item>>
    {
        public async Task<PagedResult<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var cases = request.Apply(db.Cases.AsNoTracking());

            var total = await cases.CountAsync(cancellationToken);

            cases = request.Sort switch
            {
                CaseSort.IncidentOldest => cases.OrderBy(c => c.IncidentOn).ThenBy(c => c.Id),
                CaseSort.Reference => cases.OrderBy(c => c.Reference),
                CaseSort.Title => cases.OrderBy(c => c.Title).ThenBy(c => c.Id),
                CaseSort.Force => cases.OrderBy(c => c.Force).ThenByDescending(c => c.IncidentOn).ThenBy(c => c.Id),
                _ => cases.OrderByDescending(c => c.IncidentOn).ThenByDescending(c => c.Id),
            };

            var rows = await cases
                .Skip((request.Page - 1) * request.PageSize)
                .Take(request.PageSize)
                .Select(c => new
                {
                    c.Id,
                    c.Reference,
                    c.Title,
                    c.Subject,
                    c.IncidentOn,
                    c.IncidentPrecision,
                    c.Force,
                    c.Category,
                    StageCount = c.Stages.Count,
                    RunningStageCount = c.Stages.Count(s => !s.HasEnded),
                })
                .ToListAsync(cancellationToken);

            // Clocks only for the cases on this page: one more query for their stages, evaluated in memory.
            var ids = rows.Select(r => r.Id).ToList();
            var stages = (await db.Stages.AsNoTracking().AsSplitQuery()
                    .Include(s => s.Pauses)
                    .Include(s => s.Extensions)
                    .Where(s => ids.Contains(s.CaseId))
                    .ToListAsync(cancellationToken))
                .ToLookup(s => s.CaseId);
            var ruleSet = await rules.GetAsync(cancellationToken);

            var items = rows
                .Select(r =>
                {
                    var incident = PartialDate.FromStored(r.IncidentOn, r.IncidentPrecision);
                    var caseStages = stages[r.Id].ToList();
                    var caseClock = clocks.Evaluate(ruleSet.WholeCase, ClockSubjects.ForCase(incident, [.. caseStages.Select(s => s.End)]));
                    var stageStatuses = caseStages
                        .Select(s =>
                        {
                            var rule = ruleSet.For(s.Kind);
                            return clocks.Evaluate(rule, s.ClockSubject(rule?.Anchor == ClockAnchor.IncidentDate ? incident : s.Start)).Status;
                        })
                        .ToList();
                    return new Item(
                        r.Id, r.Reference, r.Title, r.Subject, incident, r.Force, r.Category, r.StageCount, r.RunningStageCount, ClockView.From(caseClock),
                        stageStatuses.Count(st => st == ClockStatus.Overdue), stageStatuses.Count(st => st == ClockStatus.Approaching));
                })
                .ToList();
            return new PagedResult<Item>(items, request.Page, request.PageSize, total);
        }
    }
}
