using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Clocks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountabilityTracker.Application.Common;

/// <summary>
/// Results that every user would see alike (counts, the navigation's overdue count, the rules in force, report
/// figures), kept per process for as long as neither the data (<see cref="DataVersion"/>) nor today's date changes.
/// A request pays one small read of the data version instead of counting 100,000 cases again; an edit on any
/// instance changes the version, so no instance serves a stale figure after it.
/// </summary>
public sealed class ReadCache(ClockEvaluator clocks) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public async Task<T> GetAsync<T>(TrackerDbContext db, string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        var entryKey = (key, await db.ReadDataVersionAsync(cancellationToken), clocks.Today());
        if (_entries.TryGetValue(entryKey, out var cached) && cached is T value)
        {
            return value;
        }

        value = await compute(cancellationToken);
        _entries.Set(entryKey, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return value;
    }

    public void Dispose() => _entries.Dispose();
}
