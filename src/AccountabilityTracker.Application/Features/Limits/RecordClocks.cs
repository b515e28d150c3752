using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Limits;

/// <summary>
/// At start-up: computes every stored clock again when they were computed on another basis (other bank-holiday
/// changes, older evaluator conventions, none at all) or when <see cref="Command.Always"/> says so (rules were just
/// seeded), and records the basis. Idempotent: a second instance starting at the same time computes the same values.
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
            var stored = await db.ClockBases.SingleOrDefaultAsync(b => b.Id == ClockBasis.SingletonId, cancellationToken);
            if (!request.Always && stored?.Value == clocks.Basis)
            {
                return new Result(0, stored.Value, clocks.Basis);
            }

            var previous = stored?.Value;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ClassifyOutcomesAsync(cancellationToken);
            var recorded = await clocks.RecordAllAsync(db, kind: null, wholeCase: false, cancellationToken);
            if (stored is null)
            {
                db.ClockBases.Add(new ClockBasis(clocks.Basis, time.UtcNowDateTime()));
            }
            else
            {
                stored.Change(clocks.Basis, time.UtcNowDateTime());
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result(recorded, previous, clocks.Basis);
        }

        /// <summary>
        /// Outcomes stored as free text before outcome types existed get the type their text states without doubt; the
        /// rest become Unclassified, listed for an editor. Runs with the clock recompute that follows the upgrade.
        /// </summary>
        private async Task ClassifyOutcomesAsync(CancellationToken cancellationToken)
        {
            var pending = await db.Stages.Where(s => s.OutcomeType == Domain.Cases.OutcomeType.None && s.Outcome != null)
                .Select(s => new { s.Id, s.Outcome })
                .ToListAsync(cancellationToken);
            foreach (var group in pending.GroupBy(s => Domain.Cases.Outcomes.Classify(s.Outcome)))
            {
                var type = group.Key;
                foreach (var chunk in group.Select(s => s.Id).Chunk(500))
                {
                    await db.Stages.Where(s => chunk.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.OutcomeType, type), cancellationToken);
                }
            }
        }
    }
}
