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
/// The case list: active cases, filtered and paged, newest incident first by default. Every filter but the clock status
/// runs in the database; the clock status is never stored (rules change), so it is evaluated in memory for the cases the
/// database cannot rule out, before paging.
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

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockEvaluator clocks) : IRequestHandler<Query, PagedResult<Item>>
    {
        public async Task<PagedResult<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var ruleSet = await rules.GetAsync(cancellationToken);
            var cases = request.Apply(db.Cases.AsNoTracking());
            var skip = (request.Page - 1) * request.PageSize;

            int total;
            List<Row> rows;
            if (request.ClockStatus is { } status)
            {
                (total, var pageIds) = await PageByClockStatusAsync(cases, status, ruleSet, request.Sort, skip, request.PageSize, cancellationToken);
                var found = await db.Cases.AsNoTracking().Where(c => pageIds.Contains(c.Id)).Select(ToRow).ToListAsync(cancellationToken);
                rows = [.. found.OrderBy(r => pageIds.IndexOf(r.Id))];
            }
            else
            {
                total = await cases.CountAsync(cancellationToken);
                rows = await Sorted(cases, request.Sort).Skip(skip).Take(request.PageSize).Select(ToRow).ToListAsync(cancellationToken);
            }

            // Clocks only for the cases on this page: one more query for their stages, evaluated in memory.
            var ids = rows.Select(r => r.Id).ToList();
            var stages = await StagesAsync(db.Stages.Where(s => ids.Contains(s.CaseId)), cancellationToken);

            var items = rows
                .Select(r =>
                {
                    var incident = PartialDate.FromStored(r.IncidentOn, r.IncidentPrecision);
                    var (caseClock, stageStatuses) = Evaluate(ruleSet, incident, stages[r.Id]);
                    return new Item(
                        r.Id, r.Reference, r.Title, r.Subject, incident, r.Force, r.Category, r.StageCount, r.RunningStageCount, ClockView.From(caseClock),
                        stageStatuses.Count(st => st == Domain.Clocks.ClockStatus.Overdue), stageStatuses.Count(st => st == Domain.Clocks.ClockStatus.Approaching));
                })
                .ToList();
            return new PagedResult<Item>(items, request.Page, request.PageSize, total);
        }

        private static readonly System.Linq.Expressions.Expression<Func<Case, Row>> ToRow = c => new Row(
            c.Id, c.Reference, c.Title, c.Subject, c.IncidentOn, c.IncidentPrecision, c.Force, c.Category, c.Stages.Count, c.Stages.Count(s => !s.HasEnded));

        // Titles sort by SQL lower(title) so upper and lower case sort together on every provider (SQLite compares bytes,
        // PostgreSQL follows the database's collation, SQL Server's usual collation ignores case). The call never runs in .NET.
#pragma warning disable CA1304, CA1311
        private static IQueryable<Case> Sorted(IQueryable<Case> cases, CaseSort sort) => sort switch
        {
            CaseSort.IncidentOldest => cases.OrderBy(c => c.IncidentOn).ThenBy(c => c.Id),
            CaseSort.Reference => cases.OrderBy(c => c.Reference).ThenBy(c => c.Id),
            CaseSort.ReferenceDescending => cases.OrderByDescending(c => c.Reference).ThenByDescending(c => c.Id),
            CaseSort.Title => cases.OrderBy(c => c.Title.ToLower()).ThenBy(c => c.Id),
            CaseSort.TitleDescending => cases.OrderByDescending(c => c.Title.ToLower()).ThenByDescending(c => c.Id),
            CaseSort.Force => cases.OrderBy(c => c.Force).ThenByDescending(c => c.IncidentOn).ThenBy(c => c.Id),
            CaseSort.ForceDescending => cases.OrderByDescending(c => c.Force).ThenByDescending(c => c.IncidentOn).ThenBy(c => c.Id),
            _ => cases.OrderByDescending(c => c.IncidentOn).ThenByDescending(c => c.Id),
        };
#pragma warning restore CA1304, CA1311

        /// <summary>
        /// The database first leaves out cases that cannot have a clock in <paramref name="status"/> (no limit applies to
        /// any of their stages, or nothing of the right kind is running or ended); the rest are evaluated in memory, in
        /// list order, and only then paged, so the count and the pages agree.
        /// </summary>
        private async Task<(int Total, List<int> PageIds)> PageByClockStatusAsync(
            IQueryable<Case> cases, ClockStatus status, LimitRuleBook.RuleSet ruleSet, CaseSort sort, int skip, int take, CancellationToken cancellationToken)
        {
            var ruledKinds = ruleSet.StageRules.Select(r => r.StageKind!.Value).ToList();
            var caseRule = ruleSet.WholeCase is not null;
            var candidates = status is Domain.Clocks.ClockStatus.ConcludedInTime or Domain.Clocks.ClockStatus.ConcludedLate
                ? cases.Where(c => c.Stages.Any(s => s.HasEnded && ruledKinds.Contains(s.Kind)) || (caseRule && c.Stages.Any() && c.Stages.All(s => s.HasEnded)))
                : cases.Where(c => c.Stages.Any(s => !s.HasEnded && ruledKinds.Contains(s.Kind)) || (caseRule && (!c.Stages.Any() || c.Stages.Any(s => !s.HasEnded))));

            var ordered = await Sorted(candidates, sort).Select(c => new { c.Id, c.IncidentOn, c.IncidentPrecision }).ToListAsync(cancellationToken);
            var stages = await StagesAsync(db.Stages.Where(s => candidates.Any(c => c.Id == s.CaseId)), cancellationToken);
            var matching = ordered
                .Where(c =>
                {
                    var (caseClock, stageStatuses) = Evaluate(ruleSet, PartialDate.FromStored(c.IncidentOn, c.IncidentPrecision), stages[c.Id]);
                    return caseClock.Status == status || stageStatuses.Contains(status);
                })
                .Select(c => c.Id)
                .ToList();
            return (matching.Count, matching.Skip(skip).Take(take).ToList());
        }

        private static async Task<ILookup<int, Stage>> StagesAsync(IQueryable<Stage> stages, CancellationToken cancellationToken) =>
            (await stages.AsNoTracking().AsSplitQuery().Include(s => s.Pauses).Include(s => s.Extensions).ToListAsync(cancellationToken))
                .ToLookup(s => s.CaseId);

        private (ClockReading CaseClock, List<ClockStatus> StageStatuses) Evaluate(LimitRuleBook.RuleSet ruleSet, PartialDate incident, IEnumerable<Stage> caseStages)
        {
            var list = caseStages.ToList();
            var caseClock = clocks.Evaluate(ruleSet.WholeCase, ClockSubjects.ForCase(incident, [.. list.Select(s => s.End)]));
            var stageStatuses = list
                .Select(s =>
                {
                    var rule = ruleSet.For(s.Kind);
                    return clocks.Evaluate(rule, ClockSubjects.ForStage(rule, s, incident)).Status;
                })
                .ToList();
            return (caseClock, stageStatuses);
        }

        private sealed record Row(
            int Id,
            string Reference,
            string Title,
            string Subject,
            DateOnly? IncidentOn,
            DatePrecision IncidentPrecision,
            string Force,
            OperationCategory Category,
            int StageCount,
            int RunningStageCount);
    }
}
