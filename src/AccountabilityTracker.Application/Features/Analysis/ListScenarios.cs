using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Analysis;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>Every saved limit scenario (shared by all analysts), newest change first, with its limits in words.</summary>
public static class ListScenarios
{
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string Name, string? Description, IReadOnlyList<string> Limits, string UpdatedBy, DateTime UpdatedAtUtc);

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var scenarios = await db.LimitScenarios.AsNoTracking().Include(s => s.Limits).Where(s => !s.IsArchived)
                .OrderByDescending(s => s.UpdatedAtUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
            return [.. scenarios.Select(s => new Item(s.Id, s.Name, s.Description, GetScenario.Describe(s), s.UpdatedBy, s.UpdatedAtUtc))];
        }
    }
}
