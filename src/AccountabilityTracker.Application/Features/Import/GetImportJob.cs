using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>An import job's status, live progress while it runs, and its report (the dry run's, then the import's).</summary>
public static class GetImportJob
{
    public sealed record Query(int JobId) : IRequest<Result?>;

    public sealed record Result(
        int Id,
        string FileName,
        ImportFormat Format,
        long SizeBytes,
        ImportJobStatus Status,
        string RequestedBy,
        string? CommittedBy,
        DateTime CreatedAtUtc,
        DateTime? CheckedAtUtc,
        DateTime? CompletedAtUtc,
        int ProcessedCount,
        int TotalCount,
        string? FailureMessage,
        ImportReport? Report)
    {
        public bool IsRunning => Status is ImportJobStatus.Queued or ImportJobStatus.Checking or ImportJobStatus.ImportQueued or ImportJobStatus.Importing;

        public bool CanConfirm => Status == ImportJobStatus.ReadyToImport;

        /// <summary>0–100, for a progress bar.</summary>
        public int Percent => TotalCount == 0 ? (IsRunning ? 0 : 100) : (int)Math.Round(100.0 * ProcessedCount / TotalCount);
    }

    internal sealed class Handler(TrackerDbContext db, ImportProgress progress) : IRequestHandler<Query, Result?>
    {
        public async Task<Result?> Handle(Query request, CancellationToken cancellationToken)
        {
            var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.JobId, cancellationToken);
            if (job is null)
            {
                return null;
            }

            // This instance's live count if it runs the step; otherwise what the running instance last wrote with its lease.
            var (done, total) = progress.Get(job.Id)
                ?? (job.IsFinished || job.Status == ImportJobStatus.ReadyToImport ? (job.CaseCount, job.CaseCount)
                    : job.ProgressTotal > 0 ? (job.ProgressDone, job.ProgressTotal)
                    : (0, job.CaseCount));
            return new Result(
                job.Id, job.FileName, job.Format, job.SizeBytes, job.Status, job.RequestedBy, job.CommittedBy, job.CreatedAtUtc, job.CheckedAtUtc,
                job.CompletedAtUtc, done, total, job.FailureMessage, ImportReportJson.Read(job.ReportJson));
        }
    }
}
