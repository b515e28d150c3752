using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountabilityTracker.Application.Common;

/// <summary>
/// Results that every user would see alike (counts, the navigation's overdue count, the rules in force, report
/// figures), kept per process for as long as neither the data (<see cref="DataVersion"/>) nor today's date changes.
/// A request pays one small read of the data version instead of counting 100,000 cases again; a committed change on
/// any instance moves the version, so no instance serves a figure computed before it once the writer's save has
/// returned (<see cref="DataVersion"/> gives the argument). The version is read before the figure is computed, never
/// after: a figure is only ever filed under a version that was current when its computation began.
/// </summary>
public sealed class ReadCache(ClockEvaluator clocks) : IDisposable
{
    /// <summary>
    /// Bounds how long a figure can outlive a change whose data-version row was never written (the writer died between
    /// its commit and that row): every figure is computed again at least this often, however often it is read.
    /// </summary>
    internal static readonly TimeSpan LongestKept = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public async Task<T> GetAsync<T>(TrackerDbContext db, string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);

        // Inside a write's transaction the figures include what it has not committed (and may roll back), and it must
        // see its own changes: computed for it alone, never shared.
        if (db.Database.CurrentTransaction is not null)
        {
            return await compute(cancellationToken);
        }

        var entryKey = (key, await db.ReadDataVersionAsync(cancellationToken), clocks.Today());
        if (_entries.TryGetValue(entryKey, out var cached) && cached is T value)
        {
            return value;
        }

        value = await compute(cancellationToken);
        _entries.Set(entryKey, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = LongestKept });
        return value;
    }

    public void Dispose() => _entries.Dispose();
}
