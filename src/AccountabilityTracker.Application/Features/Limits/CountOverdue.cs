using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using MediatR;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>How many clocks are overdue (for certain) and how many approach their limit or may be overdue: the navigation count.</summary>
public static class CountOverdue
{
    public sealed record Query : IRequest<Result>, IReadsStoredClocks;

    public sealed record Result(int Overdue, int Approaching);

    internal sealed class Handler(TrackerDbContext db, ReadCache cache, ClockEvaluator clocks) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var counts = await cache.GetAsync(
                db, "overdue-counts:" + OverdueScan.Everything, ct => OverdueScan.CountAsync(db, clocks.Today(), OverdueScan.Everything, ct), cancellationToken);
            return new Result(counts.Overdue, counts.Approaching);
        }
    }
}
