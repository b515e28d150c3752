using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>
/// Outcomes to confirm: ended stages of active cases with an outcome in words but no type chosen ("not classified"), oldest
/// case first, each with the type its text points to (<see cref="Outcomes.Suggest"/>) for a caseworker to confirm in one
/// tap, or another to choose. Nothing is stored until a person confirms (<see cref="ConfirmOutcomeType"/>).
/// </summary>
public static class ListOutcomesToConfirm
{
    public const int PageSize = 25;

    public sealed record Query : IRequest<Result>
    {
        public int Page { get; init; } = 1;
    }

    public sealed record Item(int CaseId, string CaseReference, string CaseTitle, int StageId, StageKind Kind, string Label, string Outcome, Guid Version, OutcomeType? Suggested)
    {
        /// <summary>The kind's usual types first, then every other type a person can choose.</summary>
        public IReadOnlyList<OutcomeType> Choices => [.. Outcomes.TypicalFor(Kind), .. Outcomes.Choosable.Except(Outcomes.TypicalFor(Kind))];
    }

    public sealed record Result(PagedResult<Item> Page);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
    }

    /// <summary>The stages waiting for a person to choose their outcome's type.</summary>
    internal static IQueryable<Stage> Waiting(TrackerDbContext db) =>
        db.Stages.AsNoTracking().Where(s => s.HasEnded && s.OutcomeType == OutcomeType.Unclassified && s.Outcome != null && !s.Case.IsArchived);

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var waiting = Waiting(db);
            var total = await waiting.CountAsync(cancellationToken);
            var rows = await waiting
                .OrderBy(s => s.Case.Reference).ThenBy(s => s.StartOn).ThenBy(s => s.Id)
                .Skip((request.Page - 1) * PageSize).Take(PageSize)
                .Select(s => new { s.CaseId, s.Case.Reference, s.Case.Title, s.Id, s.Kind, s.Label, s.Outcome, s.Version })
                .ToListAsync(cancellationToken);
            var items = rows.Select(s => new Item(s.CaseId, s.Reference, s.Title, s.Id, s.Kind, s.Label, s.Outcome!, s.Version, Outcomes.Suggest(s.Outcome, s.Kind))).ToList();
            return new Result(new PagedResult<Item>(items, request.Page, PageSize, total));
        }
    }
}
