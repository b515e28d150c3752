using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Cases;

/// <summary>Archived cases, most recently archived first, for an administrator to find and restore.</summary>
public static class ListArchivedCases
{
    public const int PageSize = 50;

    public sealed record Query : IRequest<PagedResult<Item>>
    {
        public int Page { get; init; } = 1;
    }

    public sealed record Item(int Id, string Reference, string Title, PartialDate IncidentDate, string Force, DateTime ArchivedAtUtc);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
    }

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, PagedResult<Item>>
    {
        public async Task<PagedResult<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var archived = db.Cases.AsNoTracking().Where(c => c.IsArchived);
            var total = await archived.CountAsync(cancellationToken);
            var rows = await archived
                .OrderByDescending(c => c.UpdatedAtUtc).ThenBy(c => c.Id)
                .Skip((request.Page - 1) * PageSize).Take(PageSize)
                .Select(c => new { c.Id, c.Reference, c.Title, c.IncidentOn, c.IncidentPrecision, c.Force, c.UpdatedAtUtc })
                .ToListAsync(cancellationToken);
            var items = rows.Select(r => new Item(r.Id, r.Reference, r.Title, PartialDate.FromStored(r.IncidentOn, r.IncidentPrecision), r.Force, r.UpdatedAtUtc)).ToList();
            return new PagedResult<Item>(items, request.Page, PageSize, total);
        }
    }
}
