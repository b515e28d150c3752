using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>
/// Uploaded files are not kept for ever: a file whose import was not confirmed within
/// <see cref="ImportRetention.KeepUnconfirmedDays"/> is discarded (its job says why and keeps its dry-run report). Runs
/// at start-up and before every upload and confirmation; set-based and idempotent, so instances may run it side by side.
/// </summary>
public static class ExpireImportUploads
{
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(TrackerDbContext db, TimeProvider time, ImportRetention retention) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = time.UtcNowDateTime();
            var cutoff = now.AddDays(-retention.KeepUnconfirmedDays);
            var stale = await db.ImportJobs
                .Where(j => j.CreatedAtUtc < cutoff
                    && (j.Status == ImportJobStatus.ReadyToImport || j.Status == ImportJobStatus.Invalid || j.Status == ImportJobStatus.Failed)
                    && db.ImportJobContents.Any(c => c.JobId == j.Id))
                .ToListAsync(cancellationToken);
            if (stale.Count == 0)
            {
                return 0;
            }

            foreach (var job in stale)
            {
                job.Expire(retention.KeepUnconfirmedDays, now);
            }

            var ids = stale.Select(j => j.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.ImportJobContents.Where(c => ids.Contains(c.JobId)).ExecuteDeleteAsync(cancellationToken);
            db.Record(time, SecurityEventType.ImportUploadsExpired, $"{stale.Count} upload(s)", "system",
                details: $"jobs {string.Join(", ", ids)}: not imported within {retention.KeepUnconfirmedDays} days");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return stale.Count;
        }
    }
}
