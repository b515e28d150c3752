using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>
/// The user has read the dry run and confirms: the job is queued to be written, in one transaction. Only a file whose
/// dry run found no errors can be confirmed.
/// </summary>
public static class ConfirmImport
{
    /// <summary>Null when there is no such job.</summary>
    public sealed record Command(int JobId) : IRequest<Result?>;

    public sealed record Result(int JobId, ImportJobStatus Status);

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, IImportJobScheduler scheduler, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Result?>
    {
        public async Task<Result?> Handle(Command request, CancellationToken cancellationToken)
        {
            await mediator.Send(new ExpireImportUploads.Command(), cancellationToken);
            var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == request.JobId, cancellationToken);
            if (job is null)
            {
                return null;
            }

            if (job.Status != ImportJobStatus.ReadyToImport)
            {
                var reason = job.Status switch
                {
                    ImportJobStatus.Queued or ImportJobStatus.Checking => "The dry run has not finished yet: wait for it, then confirm.",
                    ImportJobStatus.Invalid => "The dry run found errors, so nothing from this file can be imported. Fix the file and upload it again.",
                    ImportJobStatus.ImportQueued or ImportJobStatus.Importing or ImportJobStatus.Completed => "This file has already been confirmed.",
                    _ => job.FailureMessage ?? "This import failed; upload the file again.",
                };
                throw new RequestValidationException(new Dictionary<string, string[]> { [nameof(Command.JobId)] = [reason] });
            }

            job.Confirm(currentUser.Name);
            db.Record(time, SecurityEventType.ImportConfirmed, $"import job {job.Id}", currentUser.Name, details: $"{job.FileName}: {job.CreateCount} to create, {job.UpdateCount} to update");
            await db.SaveChangesAsync(cancellationToken);
            scheduler.Schedule(job.Id);
            return new Result(job.Id, job.Status);
        }
    }
}
