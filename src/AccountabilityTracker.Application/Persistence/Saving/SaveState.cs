using AccountabilityTracker.Application.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AccountabilityTracker.Application.Persistence.Saving;

/// <summary>
/// What one context's save under way carries from one step of the <see cref="SavePipeline"/> to the next. The steps
/// themselves hold nothing, so one instance serves every context. A failed or cancelled save drops it all
/// (<see cref="Abandon"/>): no clocks computed for rows that were not saved, no change recorded, and the transaction
/// begun for the save rolled back.
/// </summary>
internal sealed class SaveState
{
    internal SaveState(DbContext context)
    {
        // The context raises this for every failed save, concurrency conflicts included (the interceptors' failure hook
        // misses those), and after a failure in a step's own "saved" hook.
        context.SaveChangesFailed += (_, _) => Abandon();
    }

    /// <summary>The save under way stores computed clocks only (<see cref="TrackerDbContext.SaveComputedClocksAsync"/>).</summary>
    internal bool SavingComputedClocks { get; set; }

    /// <summary>What the save under way changes the clocks' inputs of, collected before its rows are saved (step 4).</summary>
    internal ClockRecorder.PendingInputs? ClockInputs { get; set; }

    /// <summary>The transaction step 4 began because the caller had none: committed once the clocks are saved.</summary>
    internal IDbContextTransaction? OwnTransaction { get; set; }

    /// <summary>The save under way changes what lists show (step 5 records it once committed).</summary>
    internal bool ChangeNoted { get; set; }

    /// <summary>A change was saved inside a transaction still open: recorded when it commits, forgotten if it rolls back.</summary>
    internal bool ChangeOwed { get; set; }

    internal void Abandon()
    {
        ClockInputs = null;
        ChangeNoted = false;
        var own = OwnTransaction;
        OwnTransaction = null;
        own?.Dispose();
    }

    internal async Task AbandonAsync()
    {
        ClockInputs = null;
        ChangeNoted = false;
        var own = OwnTransaction;
        OwnTransaction = null;
        if (own is not null)
        {
            await own.DisposeAsync();
        }
    }
}
