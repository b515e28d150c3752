using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountabilityTracker.Application.Persistence.Saving;

/// <summary>
/// A step of the <see cref="SavePipeline"/>. Every save runs asynchronously: <see cref="TrackerDbContext"/> bridges a
/// synchronous SaveChanges (Identity's and data protection's stores call it) to SaveChangesAsync, so a synchronous hook
/// running means that bridge is gone, and the step says so rather than half-running.
/// </summary>
public abstract class SaveStep : SaveChangesInterceptor
{
    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new InvalidOperationException($"{GetType().Name} runs only in SaveChangesAsync; TrackerDbContext.SaveChanges must bridge to it.");

    /// <summary>The context's <see cref="SaveState"/>, or null for a context that is not a TrackerDbContext.</summary>
    protected static TrackerDbContext? Tracker(DbContextEventData eventData) =>
        (eventData ?? throw new ArgumentNullException(nameof(eventData))).Context as TrackerDbContext;
}
