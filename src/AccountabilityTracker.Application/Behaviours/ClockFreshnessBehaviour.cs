using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Persistence;
using MediatR;

namespace AccountabilityTracker.Application.Behaviours;

/// <summary>
/// Before a request that reads stored clocks (<see cref="IReadsStoredClocks"/>) is handled, computes again the few
/// clocks that went stale since they were stored (<see cref="ClockFreshness"/>: at most once a minute per process).
/// Innermost, inside the concurrency behaviour as the handlers' own calls were, so a race while refreshing is met the
/// same way; any other request passes straight through.
/// </summary>
public sealed class ClockFreshnessBehaviour<TRequest, TResponse>(TrackerDbContext db, ClockFreshness freshness) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is IReadsStoredClocks)
        {
            await freshness.EnsureFreshAsync(db, cancellationToken);
        }

        return await next();
    }
}
