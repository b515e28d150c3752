using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using MediatR;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>How many clocks are overdue (for certain) and how many approach their limit or may be overdue: the navigation count.</summary>
public static class CountOverdue
{
    public sealed record Query : IRequest<Result>;

    public sealed record Result(int Overdue, int Approaching);

    internal sealed class Handler(TrackerDbContext db, LimitRuleBook rules, ClockEvaluator clocks) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var outcome = await OverdueScan.RunAsync(db, await rules.GetAsync(cancellationToken), clocks, new OverdueScan.Filter(null, null, null, false), cancellationToken);
            var overdue = outcome.Rows.Count(r => r.Clock.Status == ClockStatus.Overdue);
            return new Result(overdue, outcome.Rows.Count - overdue);
        }
    }
}
