using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountabilityTracker.Application.Tests.Infrastructure;

/// <summary>
/// Makes a race happen where it hurts, with no sleeps: the moment a use case has read a chosen record, someone else's
/// whole request runs and commits, so the use case then saves over a record that has changed since it read it. One
/// instance serves every test (EF builds its internal services once per set of interceptors); each test's race is
/// keyed by its own database.
/// </summary>
public sealed class RaceInterceptor : IMaterializationInterceptor
{
    private readonly ConcurrentDictionary<string, (Func<object, bool> When, Func<Task> Competing)> _races = new(StringComparer.Ordinal);

    private RaceInterceptor()
    {
    }

    public static RaceInterceptor Shared { get; } = new();

    /// <summary>Runs <paramref name="competing"/> once, right after the next read from <paramref name="database"/> of an entity <paramref name="when"/> matches.</summary>
    public void AfterNextRead(string database, Func<object, bool> when, Func<Task> competing) => _races[database] = (when, competing);

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        var database = materializationData.Context.Database.GetConnectionString() ?? string.Empty;
        if (_races.TryGetValue(database, out var race) && race.When(entity) && _races.TryRemove(new KeyValuePair<string, (Func<object, bool>, Func<Task>)>(database, race)))
        {
            Task.Run(race.Competing).GetAwaiter().GetResult();
        }

        return entity;
    }
}
