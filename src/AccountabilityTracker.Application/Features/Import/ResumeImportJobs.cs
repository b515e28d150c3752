using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>
/// At start-up: jobs a stopped process left half-done go back in the queue. An interrupted import wrote nothing (its
/// transaction never committed), so it simply runs again.
/// </summary>
public static class ResumeImportJobs
{
    public sealed record Command : IRequest<IReadOnlyList<int>>;

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Command, IReadOnlyList<int>>
    {
        public async Task<IReadOnlyList<int>> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Checking)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, ImportJobStatus.Queued), cancellationToken);
            await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Importing)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, ImportJobStatus.ImportQueued), cancellationToken);
            return await db.ImportJobs.AsNoTracking()
                .Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.ImportQueued)
                .OrderBy(j => j.Id)
                .Select(j => j.Id)
                .ToListAsync(cancellationToken);
        }
    }
}
