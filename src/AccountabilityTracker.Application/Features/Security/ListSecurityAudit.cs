using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Security;

/// <summary>The security audit, newest first, paged; optionally one kind of event.</summary>
public static class ListSecurityAudit
{
    public sealed record Query : IRequest<PagedResult<Item>>
    {
        public SecurityEventType? EventType { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 50;
    }

    public sealed record Item(long Id, DateTime OccurredAtUtc, SecurityEventType EventType, string Subject, string Actor, string? IpAddress, string? Details);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.EventType).IsInEnum().WithMessage("Choose an event type from the list.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, 200).WithMessage("Page size must be between 1 and {To}.");
        }
    }

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, PagedResult<Item>>
    {
        public async Task<PagedResult<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var entries = db.SecurityAudit.AsNoTracking();
            if (request.EventType is { } type)
            {
                entries = entries.Where(e => e.EventType == type);
            }

            var total = await entries.CountAsync(cancellationToken);
            var items = await entries.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
                .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
                .Select(e => new Item(e.Id, e.OccurredAtUtc, e.EventType, e.Subject, e.Actor, e.IpAddress, e.Details))
                .ToListAsync(cancellationToken);
            return new PagedResult<Item>(items, request.Page, request.PageSize, total);
        }
    }
}
