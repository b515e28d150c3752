using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Features.Import;

/// <summary>Issue 18, finding 9: uploads that are never imported are discarded, one user's waiting uploads are capped, and imports are audited.</summary>
public sealed class ImportRetentionTests : IDisposable
{
    private readonly TrackerAppFactory _factory = new();

    public ImportRetentionTests() => _factory.Settings["Import:MaxWaitingUploadsPerUser"] = "2";

    [Fact]
    public async Task An_upload_not_imported_within_three_days_is_discarded_and_cannot_be_confirmed()
    {
        var caseworker = await _factory.CreateClientForAsync(Roles.Caseworker);
        var jobId = await UploadAndCheckAsync(caseworker, "stale");

        _factory.Time.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        caseworker.Dispose();
        using var later = await _factory.CreateClientForAsync(Roles.Caseworker);
        var page = await Forms.GetAsync(later, $"/import/{jobId}");
        var confirm = await Forms.PostAsync(later, $"/import/{jobId}/confirm", page, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Contains("Not imported within 3 days", await Forms.GetAsync(later, $"/import/{jobId}"), StringComparison.Ordinal);
        var (status, hasContent, expiredAudit) = await _factory.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<TrackerDbContext>();
            return ((await db.ImportJobs.SingleAsync(j => j.Id == jobId)).Status,
                await db.ImportJobContents.AnyAsync(c => c.JobId == jobId),
                await db.SecurityAudit.AnyAsync(e => e.EventType == SecurityEventType.ImportUploadsExpired));
        });
        Assert.Equal(ImportJobStatus.Failed, status);
        Assert.False(hasContent);
        Assert.True(expiredAudit);
    }

    [Fact]
    public async Task A_user_may_have_only_so_many_uploads_waiting_and_uploads_and_confirmations_are_audited()
    {
        using var caseworker = await _factory.CreateClientForAsync(Roles.Caseworker);
        var first = await UploadAndCheckAsync(caseworker, "one");
        await UploadAndCheckAsync(caseworker, "two");
        var jobsBefore = await _factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().ImportJobs.CountAsync());

        var third = await UploadAsync(caseworker, "three.json", Encoding.UTF8.GetBytes(ApiBehaviourTests.SmallFile("three")));

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains("You have 2 uploaded file(s) waiting", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await _factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().ImportJobs.CountAsync()));

        // Importing one frees its place.
        var page = await Forms.GetAsync(caseworker, $"/import/{first}");
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(caseworker, $"/import/{first}/confirm", page, new Dictionary<string, string>())).StatusCode);
        await ApiClient.WaitForStepsAsync(_factory, first, 2);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(caseworker, "four.json", Encoding.UTF8.GetBytes(ApiBehaviourTests.SmallFile("four")))).StatusCode);

        var audit = await _factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit.AsNoTracking()
            .Where(e => e.Actor == TestUsers.EmailFor(Roles.Caseworker)).Select(e => e.EventType).ToListAsync());
        Assert.Equal(3, audit.Count(e => e == SecurityEventType.ImportUploaded));
        Assert.Equal(1, audit.Count(e => e == SecurityEventType.ImportConfirmed));
    }

    public void Dispose() => _factory.Dispose();

    private async Task<int> UploadAndCheckAsync(HttpClient client, string name)
    {
        var uploaded = await UploadAsync(client, name + ".json", Encoding.UTF8.GetBytes(ApiBehaviourTests.SmallFile(name)));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var jobId = int.Parse(uploaded.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        await ApiClient.WaitForStepsAsync(_factory, jobId, 1);
        return jobId;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var page = await Forms.GetAsync(client, "/import");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page)), Forms.TokenField },
            { file, "file", fileName },
        };
        return await client.PostAsync("/import", form);
    }
}
