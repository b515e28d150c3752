using System.Threading.Channels;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Import;
using MediatR;

namespace AccountabilityTracker.Web.Infrastructure.Imports;

/// <summary>
/// The in-process queue of import jobs: handlers schedule a job id, <see cref="ImportWorker"/> runs them one at a time
/// (SQLite has one writer; one import at a time also keeps a 2-core server responsive). The job itself lives in the
/// database, so a restart loses nothing: queued jobs, and steps whose instance stopped (their lease ran out), are
/// picked up again at start and by a scan every third of the lease.
/// </summary>
public sealed class ImportJobChannel : IImportJobScheduler
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _stepsFinished = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChannelReader<int> Reader => _channel.Reader;

    public void Schedule(int jobId) => _channel.Writer.TryWrite(jobId);

    /// <summary>
    /// Completes once the worker has finished <paramref name="steps"/> steps of the job in this process (1: the dry run,
    /// 2: the import; a step another worker held is not counted), for callers that want to wait rather than poll.
    /// </summary>
    public async Task WaitForStepsAsync(int jobId, int steps, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_stepsFinished.GetValueOrDefault(jobId) >= steps)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    internal void StepFinished(int jobId)
    {
        TaskCompletionSource finished;
        lock (_gate)
        {
            _stepsFinished[jobId] = _stepsFinished.GetValueOrDefault(jobId) + 1;
            finished = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        finished.TrySetResult();
    }
}

public sealed partial class ImportWorker(
    ImportJobChannel channel, IServiceScopeFactory scopes, ImportLease lease, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ImportWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Stop a running step as soon as shutdown begins, not after the server has drained its requests: on SQLite the
        // step holds the one write lock, and a request in flight that writes would otherwise wait for it until the
        // drain times out. The step rolls back and its job goes back in the queue for the next start.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        await RunAsync(stopping.Token);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken);
        var scanning = ScanForAbandonedStepsAsync(stoppingToken);
        await foreach (var jobId in channel.Reader.ReadAllAsync(stoppingToken))
        {
            var claimed = true;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                claimed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunImportJob.Command(jobId), stoppingToken) != RunImportJob.Outcome.NotClaimed;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, jobId);
            }
            finally
            {
                if (claimed)
                {
                    channel.StepFinished(jobId);
                }
            }
        }

        await scanning;
    }

    /// <summary>Steps whose instance died are taken over once their lease runs out, without waiting for a restart.</summary>
    private async Task ScanForAbandonedStepsAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease.RenewEvery, time, stoppingToken);
                await ResumeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ResumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Send(new ExpireImportUploads.Command(), stoppingToken);
            var pending = await mediator.Send(new ResumeImportJobs.Command(), stoppingToken);
            foreach (var jobId in pending)
            {
                channel.Schedule(jobId);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may not be migrated yet (readiness reports that); new uploads still get queued.
            LogResumeFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import job {JobId} could not be run")]
    private static partial void LogFailed(ILogger logger, Exception exception, int jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued import jobs could not be resumed at start-up")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
