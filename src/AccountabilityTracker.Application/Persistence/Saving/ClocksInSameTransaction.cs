using AccountabilityTracker.Application.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountabilityTracker.Application.Persistence.Saving;

/// <summary>
/// Step 4: every save that changes a clock's inputs (a stage, a pause, an extension, a milestone, a new case or a
/// changed incident date, jurisdiction or closing) also stores the clocks it changed, in the same transaction. Before
/// the rows are saved it notes what they change (new rows have no id yet) and, when the caller has no transaction,
/// begins one; once they are saved, <see cref="ClockRecorder"/> computes those clocks from the saved rows and saves
/// them (a save of computed clocks only, which runs no step of its own again), then the transaction begun here
/// commits. Rows, their history (saved with the rows by step 3) and their clocks commit together or not at all.
/// A context made without DI has no recorder and so no clocks: the app computes them on its next start.
/// </summary>
public sealed class ClocksInSameTransaction(ClockRecorder recorder) : SaveStep
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Tracker(eventData) is not { Saving.SavingComputedClocks: false } db)
        {
            return result;
        }

        var state = db.Saving;

        // A save that failed before any failure hook could run (a step's "saving" hook threw) left its transaction behind.
        await state.AbandonAsync();
        var inputs = ClockRecorder.Collect(db.ChangeTracker);
        if (inputs.IsEmpty)
        {
            return result;
        }

        state.ClockInputs = inputs;
        if (db.Database.CurrentTransaction is null)
        {
            state.OwnTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Tracker(eventData) is not { Saving.ClockInputs: { } inputs } db)
        {
            return result;
        }

        var state = db.Saving;
        state.ClockInputs = null;
        await recorder.RecordAsync(db, inputs, db.SaveComputedClocksAsync, cancellationToken);
        if (state.OwnTransaction is { } own)
        {
            await own.CommitAsync(cancellationToken);
            state.OwnTransaction = null;
            await own.DisposeAsync();
        }

        return result;
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Tracker(eventData) is { } db)
        {
            await db.Saving.AbandonAsync();
        }
    }
}
