using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountabilityTracker.Application.Features.Import;

/// <summary>
/// The background step of an import job: the dry run of a queued job, or the import of a confirmed one. The import
/// re-checks the file against the cases as they are now and writes everything in one transaction, or nothing.
/// A job is claimed with a conditional update and held with a lease that the step renews while it runs (see
/// <see cref="ImportLease"/>), so two workers, in one process or on two instances, never run the same step at once.
/// </summary>
public static partial class RunImportJob
{
    public sealed record Command(int JobId) : IRequest<Outcome>;

    public enum Outcome
    {
        /// <summary>Someone else has the job, or it is not waiting for anything.</summary>
        NotClaimed = 0,
        Checked = 1,
        Imported = 2,
        Failed = 3,
    }

    /// <summary>The name history gives an import's changes: the user who confirmed it, and the job.</summary>
    public static string ImportActor(string user, int jobId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{user} (import job {jobId})");

    internal sealed partial class Handler(
        TrackerDbContext db, TimeProvider time, ImportProgress progress, ImportLease lease, IServiceScopeFactory scopes, ActingFor actingFor, ILogger<Handler> logger)
        : IRequestHandler<Command, Outcome>
    {
        /// <summary>The job's claim count when this step claimed it: a later claim (a takeover) changes it.</summary>
        private int _claim;

        public async Task<Outcome> Handle(Command request, CancellationToken cancellationToken)
        {
            var apply = false;
            if (!await ClaimAsync(request.JobId, ImportJobStatus.Queued, ImportJobStatus.Checking, cancellationToken))
            {
                if (!await ClaimAsync(request.JobId, ImportJobStatus.ImportQueued, ImportJobStatus.Importing, cancellationToken))
                {
                    return Outcome.NotClaimed;
                }

                apply = true;
            }

            // The step stops (and its transaction rolls back) if the lease is lost, as well as on shutdown.
            using var leaseHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewing = RenewLeaseAsync(request.JobId, leaseHeld);
            try
            {
                return await RunStepAsync(request.JobId, apply, leaseHeld.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The app is stopping: the step's transaction rolled back, so hand the job back to the queue at once
                // rather than leave it to wait for the lease to run out; the next start (or another instance) runs it.
                await HandBackAsync(request.JobId, apply ? ImportJobStatus.ImportQueued : ImportJobStatus.Queued);
                throw;
            }
            finally
            {
                await leaseHeld.CancelAsync();
                await renewing;
                progress.Finish(request.JobId);
            }
        }

        private async Task<Outcome> RunStepAsync(int jobId, bool apply, CancellationToken cancellationToken)
        {
            try
            {
                var report = await RunAsync(jobId, apply, cancellationToken);
                var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
                var json = ImportReportJson.Write(report);
                if (apply)
                {
                    job.Imported(report, json, time.UtcNowDateTime());
                    if (report.IsValid)
                    {
                        // The file has served its purpose; its cases are in the database now.
                        await db.ImportJobContents.Where(c => c.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
                    }
                }
                else
                {
                    job.Checked(report, json, time.UtcNowDateTime());
                    if (job.Status == ImportJobStatus.Invalid)
                    {
                        // Nothing from this file can ever be imported (the report keeps every message): do not keep it.
                        await db.ImportJobContents.Where(c => c.JobId == job.Id).ExecuteDeleteAsync(cancellationToken);
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                LogFinished(logger, job.Id, job.Status, report.CaseCount, report.CreateCount, report.UpdateCount, report.UnchangedCount, report.ErrorCount);
                return job.Status == ImportJobStatus.Failed ? Outcome.Failed : apply ? Outcome.Imported : Outcome.Checked;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception, jobId);
                db.ChangeTracker.Clear();
                var job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
                job.Fail($"The {(apply ? "import" : "dry run")} stopped with an unexpected error ({exception.GetType().Name}); nothing was written. Try again, or tell an administrator.", time.UtcNowDateTime());
                await db.SaveChangesAsync(CancellationToken.None);
                return Outcome.Failed;
            }
        }

        private async Task<bool> ClaimAsync(int jobId, ImportJobStatus from, ImportJobStatus to, CancellationToken cancellationToken)
        {
            var expires = time.UtcNowDateTime() + lease.Duration;
            var claimed = await db.ImportJobs.Where(j => j.Id == jobId && j.Status == from)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(j => j.Status, to)
                        .SetProperty(j => j.ClaimedBy, lease.Instance)
                        .SetProperty(j => j.ClaimExpiresAtUtc, expires)
                        .SetProperty(j => j.ClaimCount, j => j.ClaimCount + 1)
                        .SetProperty(j => j.ProgressDone, 0)
                        .SetProperty(j => j.ProgressTotal, 0),
                    cancellationToken) == 1;
            if (claimed)
            {
                // No one else can claim it before its lease runs out, so the count read now is this claim's.
                _claim = await db.ImportJobs.Where(j => j.Id == jobId).Select(j => j.ClaimCount).SingleAsync(cancellationToken);
            }

            return claimed;
        }

        /// <summary>
        /// The fence before an import commits, inside its transaction: true when this step's claim is still the job's
        /// latest, and then its lease is extended. The row stays locked until the commit (on SQLite the whole file does), so
        /// no takeover can slip in between this check and the commit; a renewal that was held up while the transaction
        /// held the lock cannot let two workers both commit the same file.
        /// </summary>
        private async Task<bool> StillHoldsClaimAsync(int jobId, CancellationToken cancellationToken)
        {
            var expires = time.UtcNowDateTime() + lease.Duration;
            return await db.ImportJobs.Where(j => j.Id == jobId && j.ClaimedBy == lease.Instance && j.ClaimCount == _claim)
                .ExecuteUpdateAsync(set => set.SetProperty(j => j.ClaimExpiresAtUtc, expires), cancellationToken) == 1;
        }

        private async Task HandBackAsync(int jobId, ImportJobStatus queued)
        {
            await db.ImportJobs.Where(j => j.Id == jobId && j.ClaimedBy == lease.Instance)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(j => j.Status, queued).SetProperty(j => j.ClaimedBy, (string?)null).SetProperty(j => j.ClaimExpiresAtUtc, (DateTime?)null),
                    CancellationToken.None);
            LogHandedBack(logger, jobId);
        }

        /// <summary>
        /// Every third of the lease: extends it and writes the progress, from a connection of its own (the step's may be
        /// inside its transaction). A renewal that finds the job claimed by someone else cancels the step. A renewal that
        /// cannot reach the database (SQLite's single writer is busy with this very import) is tried again next time.
        /// </summary>
        private async Task RenewLeaseAsync(int jobId, CancellationTokenSource leaseHeld)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(lease.RenewEvery, time, leaseHeld.Token);
                    var (done, total) = progress.Get(jobId) ?? (0, 0);
                    var expires = time.UtcNowDateTime() + lease.Duration;
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        var renewed = await scope.ServiceProvider.GetRequiredService<TrackerDbContext>().ImportJobs
                            .Where(j => j.Id == jobId && j.ClaimedBy == lease.Instance && j.ClaimCount == _claim)
                            .ExecuteUpdateAsync(
                                set => set.SetProperty(j => j.ClaimExpiresAtUtc, expires).SetProperty(j => j.ProgressDone, done).SetProperty(j => j.ProgressTotal, total),
                                leaseHeld.Token);
                        if (renewed == 0)
                        {
                            LogLeaseLost(logger, jobId);
                            await leaseHeld.CancelAsync();
                            return;
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // Busy (SQLite) or unreachable (EF wraps a server's transient failure in an InvalidOperationException).
                        LogRenewalFailed(logger, jobId, exception.Message);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The step ended (or the process is stopping): nothing more to renew.
            }
        }

        private async Task<ImportReport> RunAsync(int jobId, bool apply, CancellationToken cancellationToken)
        {
            var file = await db.ImportJobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.Format, j.CommittedBy, j.RequestedBy }).SingleAsync(cancellationToken);

            // The worker runs outside any request: what it writes is the confirming user's, through this job.
            actingFor.Set(ImportActor(file.CommittedBy ?? file.RequestedBy, jobId));
            var content = await db.ImportJobContents.AsNoTracking().Where(c => c.JobId == jobId).Select(c => c.Content).SingleAsync(cancellationToken);

            var read = CaseFileReader.Read(content, file.Format);
            var messages = read.Messages.ToList();
            var checker = new CaseEntryChecker(messages, time);
            var valid = new List<ParsedEntry>();
            var items = new ImportItem?[read.Entries.Count];
            for (var i = 0; i < read.Entries.Count; i++)
            {
                var parsed = read.Entries[i];
                if (checker.Check(parsed))
                {
                    valid.Add(parsed);
                }
                else
                {
                    items[i] = new ImportItem(parsed.Locator.Rows, parsed.Entry.Id, parsed.Entry.Title, ImportAction.Invalid, []);
                }
            }

            var total = read.Entries.Count;
            progress.Report(jobId, 0, total);
            var fileHasErrors = messages.Any(m => m.Severity == ImportSeverity.Error);
            List<ImportItem> planned;
            if (apply && fileHasErrors)
            {
                planned = [.. valid.Select(p => new ImportItem(p.Locator.Rows, p.Entry.Id, p.Entry.Title, ImportAction.Invalid, []))];
            }
            else if (apply)
            {
                var importer = new CaseImporter(db, time.UtcNowDateTime());
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                planned = await importer.RunAsync(valid, apply: true, messages, done => progress.Report(jobId, done, total), cancellationToken);
                if (messages.Any(m => m.Severity == ImportSeverity.Error))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
                else if (await StillHoldsClaimAsync(jobId, cancellationToken))
                {
                    await transaction.CommitAsync(cancellationToken);
                }
                else
                {
                    // Another worker took the step over after this one's lease ran out: it imports the file; this one must not.
                    await transaction.RollbackAsync(CancellationToken.None);
                    LogLeaseLost(logger, jobId);
                    throw new OperationCanceledException($"Import job {jobId} was taken over by another worker before this step committed.");
                }
            }
            else
            {
                planned = await new CaseImporter(db, time.UtcNowDateTime())
                    .RunAsync(valid, apply: false, messages, done => progress.Report(jobId, done + (total - valid.Count), total), cancellationToken);
            }

            var next = 0;
            for (var i = 0; i < items.Length && next < planned.Count; i++)
            {
                items[i] ??= planned[next++];
            }

            var all = items.Select(item => item ?? new ImportItem("?", null, null, ImportAction.Invalid, [])).ToList();
            var errors = messages.Count(m => m.Severity == ImportSeverity.Error);
            var ordered = messages.OrderBy(m => m.Severity).ThenBy(m => m.Row ?? 0).ToList();
            return new ImportReport(
                all.Count,
                all.Count(i => i.Action == ImportAction.Create),
                all.Count(i => i.Action == ImportAction.Update),
                all.Count(i => i.Action == ImportAction.Unchanged),
                errors,
                messages.Count - errors,
                [.. all.Take(ImportReport.MaxListed)],
                [.. ordered.Take(ImportReport.MaxListed)],
                all.Count > ImportReport.MaxListed,
                ordered.Count > ImportReport.MaxListed);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Import job {JobId}: another instance holds its lease now; this step stops and writes nothing")]
        private static partial void LogLeaseLost(ILogger logger, int jobId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Import job {JobId}: stopped by shutdown, nothing written; back in the queue for the next start")]
        private static partial void LogHandedBack(ILogger logger, int jobId);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Import job {JobId}: the lease could not be renewed this time ({Reason})")]
        private static partial void LogRenewalFailed(ILogger logger, int jobId, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Import job {JobId} {Status}: {Cases} cases, {Created} to create, {Updated} to update, {Unchanged} unchanged, {Errors} errors")]
        private static partial void LogFinished(ILogger logger, int jobId, ImportJobStatus status, int cases, int created, int updated, int unchanged, int errors);

        [LoggerMessage(Level = LogLevel.Error, Message = "Import job {JobId} failed")]
        private static partial void LogFailed(ILogger logger, Exception exception, int jobId);
    }
}
