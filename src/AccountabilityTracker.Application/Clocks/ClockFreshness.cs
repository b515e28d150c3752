using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// Before a page compares stored clocks with today, computes again the few that went stale since they were stored
/// (a pause open or under way, an extension coming into force): found by the index on their "valid until" day, and
/// looked for at most once a minute per process, since a record only goes stale when the day changes. Called by
/// <see cref="Behaviours.ClockFreshnessBehaviour{TRequest,TResponse}"/> for every request marked <see cref="IReadsStoredClocks"/>.
/// </summary>
public sealed class ClockFreshness(ClockRecorder recorder, ClockEvaluator evaluator, TimeProvider time)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private (DateOnly Day, DateTimeOffset At)? _lastCheck;

    public async Task EnsureFreshAsync(TrackerDbContext db, CancellationToken cancellationToken)
    {
        var today = evaluator.Today();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_lastCheck is { } last && last.Day == today && now - last.At < CheckEvery && now >= last.At)
            {
                return;
            }
        }

        await recorder.RefreshStaleAsync(db, cancellationToken);
        lock (_gate)
        {
            _lastCheck = (today, now);
        }
    }
}
