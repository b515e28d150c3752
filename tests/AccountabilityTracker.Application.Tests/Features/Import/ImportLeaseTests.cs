using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Import;

/// <summary>Import steps are held with a lease: another instance's running step is left alone until its lease runs out.</summary>
public sealed class ImportLeaseTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync() => _app = await TestApplication.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_step_another_instance_holds_is_left_alone_until_its_lease_runs_out_then_runs_here_once()
    {
        var file = ImportDriver.ReferenceCasesJson();
        using var stream = new MemoryStream(file);
        var started = await _app.SendAsync(new StartImport.Command("reference.json", file.Length, stream));
        var lease = _app.Service<ImportLease>();

        // Another instance claimed the dry run (and then stopped renewing: it died).
        await _app.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == started.JobId).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, ImportJobStatus.Checking)
            .SetProperty(j => j.ClaimedBy, "another-instance")
            .SetProperty(j => j.ClaimExpiresAtUtc, _app.Time.GetUtcNow().UtcDateTime + lease.Duration)
            .SetProperty(j => j.ClaimCount, 1)));

        // While its lease holds, no scan puts the job back and this instance cannot claim it.
        _app.Time.Advance(lease.Duration - TimeSpan.FromSeconds(1));
        Assert.Empty(await _app.SendAsync(new ResumeImportJobs.Command()));
        Assert.Equal(RunImportJob.Outcome.NotClaimed, await _app.SendAsync(new RunImportJob.Command(started.JobId)));

        // Once it has run out, the next scan queues the job again, and it runs here, once.
        _app.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([started.JobId], await _app.SendAsync(new ResumeImportJobs.Command()));
        Assert.Equal(RunImportJob.Outcome.Checked, await _app.SendAsync(new RunImportJob.Command(started.JobId)));
        Assert.Equal(RunImportJob.Outcome.NotClaimed, await _app.SendAsync(new RunImportJob.Command(started.JobId)));

        var job = await _app.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == started.JobId));
        Assert.Equal(ImportJobStatus.ReadyToImport, job.Status);
        Assert.Equal(2, job.ClaimCount);
        Assert.Null(job.ClaimedBy);
        Assert.Null(job.ClaimExpiresAtUtc);
    }
}
