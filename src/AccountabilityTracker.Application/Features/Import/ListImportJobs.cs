using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>The latest import jobs, newest first, for the import page.</summary>
public static class ListImportJobs
{
    public const int Count = 20;

    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string FileName, ImportJobStatus Status, string RequestedBy, DateTime CreatedAtUtc, int CaseCount, int CreateCount, int UpdateCount, int UnchangedCount, int ErrorCount);

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.ImportJobs.AsNoTracking()
                .OrderByDescending(j => j.Id)
                .Take(Count)
                .Select(j => new Item(j.Id, j.FileName, j.Status, j.RequestedBy, j.CreatedAtUtc, j.CaseCount, j.CreateCount, j.UpdateCount, j.UnchangedCount, j.ErrorCount))
                .ToListAsync(cancellationToken);
    }
}
