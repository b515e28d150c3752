using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>
/// At start-up and then every third of the lease (<see cref="ImportLease"/>): steps whose lease ran out (the instance
/// running them stopped or died) go back in the queue, and the queued jobs are returned for this instance's worker to
/// try to claim. A step whose lease is still held is left alone, whichever instance holds it. An interrupted import
/// wrote nothing (its transaction never committed), so it simply runs again.
/// </summary>
public static class ResumeImportJobs
{
    public sealed record Command : IRequest<IReadOnlyList<int>>;

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, IReadOnlyList<int>>
    {
        public async Task<IReadOnlyList<int>> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = time.UtcNowDateTime();
            await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Checking && (j.ClaimExpiresAtUtc == null || j.ClaimExpiresAtUtc < now))
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, ImportJobStatus.Queued).SetProperty(j => j.ClaimedBy, (string?)null), cancellationToken);
            await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Importing && (j.ClaimExpiresAtUtc == null || j.ClaimExpiresAtUtc < now))
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, ImportJobStatus.ImportQueued).SetProperty(j => j.ClaimedBy, (string?)null), cancellationToken);
            return await db.ImportJobs.AsNoTracking()
                .Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.ImportQueued)
                .OrderBy(j => j.Id)
                .Select(j => j.Id)
                .ToListAsync(cancellationToken);
        }
    }
}
