using System.Net;
using System.Text.Json;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.DataGenerator;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AccountabilityTracker.Web.Tests.Operations;

/// <summary>
/// SIGTERM, as a service manager or a rolling deployment sends it, while a request is in flight and an import runs:
/// the request finishes, the process exits cleanly, the import either finished or rolled back (nothing half-written),
/// and after a restart the interrupted import runs once more, so every case is stored exactly once.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IDisposable
{
    private const int CaseCount = 1000;

    private readonly AppProcesses _apps = new();

    [Fact]
    public async Task On_SIGTERM_a_request_in_flight_finishes_and_a_running_import_rolls_back_then_runs_once_after_restart()
    {
        var (address, process) = await _apps.StartAsync(migrate: true);
        var token = await AppProcesses.IssueTokenAsync(address);
        using var api = AppProcesses.Api(address, token);
        var entries = new SyntheticCases(23).Generate(CaseCount, 4).ToList();
        var jobId = await UploadAsync(api, "large.json", JsonSerializer.SerializeToUtf8Bytes(entries, CaseFile.SerializerOptions));
        await AppProcesses.WaitForJobAsync(api, jobId, "ReadyToImport");
        using (var commit = await api.PostAsync($"/api/v1/imports/{jobId}/commit", content: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        }

        // The import is under way (its first batch is done) ...
        await AppProcesses.WaitForJobAsync(api, jobId, job => job.GetProperty("status").GetString() == "Importing" && job.GetProperty("processedCount").GetInt32() > 0, "the first batch");

        // ... and an upload has sent half its body when the stop begins: that request is surely in flight.
        using var multipart = ApiClient.FileContent("during-shutdown.json", JsonSerializer.SerializeToUtf8Bytes(new SyntheticCases(29).Generate(3, 2).ToList(), CaseFile.SerializerOptions));
        var firstHalfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var held = new HeldBackContent(await multipart.ReadAsByteArrayAsync(), firstHalfSent, release.Task);
        held.Headers.ContentType = multipart.Headers.ContentType;
        var uploading = api.PostAsync("/api/v1/imports", held);
        await firstHalfSent.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await AppProcesses.SendTerminateAsync(process);
        release.SetResult();
        using (var uploaded = await uploading)
        {
            Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        }

        Assert.Equal(0, await AppProcesses.WaitForExitAsync(process));

        // Nothing half-written: the import either finished or left no case behind and went back in the queue.
        var externalIds = entries.Select(e => e.Id!).ToList();
        int storedAfterStop;
        ImportJob stopped;
        await using (var db = _apps.OpenDatabase())
        {
            stopped = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            storedAfterStop = await db.Cases.CountAsync(c => c.ExternalId != null && externalIds.Contains(c.ExternalId));
        }

        var rolledBack = stopped.Status == ImportJobStatus.ImportQueued;
        Assert.True(rolledBack || stopped.Status == ImportJobStatus.Completed, $"After the stop the job is {stopped.Status}.");
        Assert.Equal(rolledBack ? 0 : CaseCount, storedAfterStop);
        Assert.Null(stopped.ClaimedBy);

        // After a restart the interrupted import runs once more, and the upload accepted during the stop is checked.
        var (restarted, _) = await _apps.StartAsync(migrate: true);
        using var apiAfter = AppProcesses.Api(restarted, token);
        await AppProcesses.WaitForJobAsync(apiAfter, jobId, "Completed");
        await using (var db = _apps.OpenDatabase())
        {
            Assert.Equal(CaseCount, await db.Cases.CountAsync(c => c.ExternalId != null && externalIds.Contains(c.ExternalId)));
            Assert.Equal(rolledBack ? 3 : 2, (await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId)).ClaimCount);
            var lateUpload = await db.ImportJobs.AsNoTracking().Where(j => j.FileName == "during-shutdown.json").Select(j => j.Id).SingleAsync();
            await AppProcesses.WaitForJobAsync(apiAfter, lateUpload, "ReadyToImport");
        }

        output.WriteLine(rolledBack ? "The import was interrupted and rolled back." : "The import finished before the stop.");
    }

    public void Dispose() => _apps.Dispose();

    private static async Task<int> UploadAsync(HttpClient api, string fileName, byte[] file)
    {
        using var started = await api.PostAsync("/api/v1/imports", ApiClient.FileContent(fileName, file));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>A request body sent in two halves; the second goes when the test says so.</summary>
    private sealed class HeldBackContent(byte[] body, TaskCompletionSource firstHalfSent, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            firstHalfSent.TrySetResult();
            await release;
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
