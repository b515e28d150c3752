using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>
/// At start-up: computes every stored clock again when they were computed on another basis (other bank-holiday
/// changes, older evaluator conventions, none at all) or when <see cref="Command.Always"/> says so (rules were just
/// seeded), and records the basis. Done once: a second instance starting at the same time waits for the first and finds the
/// clocks current.
/// </summary>
public static class RecordClocks
{
    public sealed record Command(bool Always = false) : IRequest<Result>;

    /// <summary>How many stages and cases were computed (0 when the stored clocks were current), and the basis before.</summary>
    public sealed record Result(int Recorded, string? PreviousBasis, string Basis);

    internal sealed class Handler(TrackerDbContext db, ClockRecorder clocks, TimeProvider time) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var current = await db.ClockBases.AsNoTracking().Where(b => b.Id == ClockBasis.SingletonId).Select(b => b.Value).SingleOrDefaultAsync(cancellationToken);
            if (!request.Always && current == clocks.Basis)
            {
                return new Result(0, current, clocks.Basis);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Instances starting together queue here on the clock basis's row; the one that waited reads the basis the
            // first recorded and computes nothing, so the recompute is done once however many instances start.
            await ClockRecorder.LockBasisAsync(db, cancellationToken);
            var stored = await db.ClockBases.SingleAsync(b => b.Id == ClockBasis.SingletonId, cancellationToken);
            if (!request.Always && stored.Value == clocks.Basis)
            {
                return new Result(0, stored.Value, clocks.Basis);
            }

            var previous = stored.Value == ClockBasis.None ? null : stored.Value;
            var recorded = await clocks.RecordAllAsync(db, kind: null, wholeCase: false, cancellationToken);

            // Saving the basis records the data change for the whole recompute.
            stored.Change(clocks.Basis, time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result(recorded, previous, clocks.Basis);
        }
    }
}
