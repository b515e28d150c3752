using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.DataGenerator;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Web.Tests.Operations;

/// <summary>
/// Two app instances (separate processes, different ports) on one database, as behind a load balancer: PostgreSQL when
/// TRACKER_TEST_POSTGRES is set, otherwise one SQLite file. A sign-in on one is accepted by the other (the
/// data-protection keys are in the database), a form opened on one posts to the other, an edit on one is seen by the
/// other, and a stale edit on the other is refused as a conflict. Only the first instance migrates (as a deployment
/// step would); the second starts with migrations off.
/// </summary>
public sealed class TwoInstancesTests : IDisposable
{
    private readonly AppProcesses _apps = new();

    [Fact]
    public async Task Sign_ins_edits_and_conflicts_cross_between_two_instances_on_one_database()
    {
        var (first, _) = await _apps.StartAsync(migrate: true);
        var (second, _) = await _apps.StartAsync(migrate: false);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);

        // Sign in on the first instance; the cookie is accepted by the second.
        await AppProcesses.SignInAsync(browser, first);
        using (var onSecond = await browser.GetAsync(second + "/cases"))
        {
            Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        }

        // A form opened on the first instance is posted to the second (antiforgery tokens are shared too).
        var tokenPage = await Forms.GetAsync(browser, first + "/profile/tokens");
        using var created = await Forms.PostAsync(browser, second + "/profile/tokens", tokenPage, new() { ["Name"] = "two instances", ["LifetimeDays"] = "30", ["Password"] = TrackerAppFactory.Password });
        var token = await AppProcesses.TokenFromAsync(created);
        using var apiFirst = AppProcesses.Api(first, token);
        using var apiSecond = AppProcesses.Api(second, token);

        // Created on the first, opened on the second, edited on the first: the second sees the edit.
        using var create = await apiFirst.PostAsync("/api/v1/cases", JsonContent.Create(ApiClient.CaseBody("Two instances, original title")));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = JsonDocument.Parse(await create.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var openedOnSecond = await VersionAsync(apiSecond, id);
        using (var edit = await apiFirst.PutAsync($"/api/v1/cases/{id}", JsonContent.Create(EditBody("Edited on the first instance", openedOnSecond))))
        {
            Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);
        }

        var seen = JsonDocument.Parse(await apiSecond.GetStringAsync($"/api/v1/cases/{id}")).RootElement;
        Assert.Equal("Edited on the first instance", seen.GetProperty("title").GetString());
        Assert.Contains("Edited on the first instance", await browser.GetStringAsync($"{second}/cases/{id}"), StringComparison.Ordinal);

        // The second instance's edit was based on what it read before: refused as a conflict, the first edit stays.
        using (var stale = await apiSecond.PutAsync($"/api/v1/cases/{id}", JsonContent.Create(EditBody("Stale edit on the second instance", openedOnSecond))))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        }

        Assert.Equal("Edited on the first instance", JsonDocument.Parse(await apiFirst.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_import_started_on_one_instance_runs_exactly_once_while_both_look_for_abandoned_steps()
    {
        // A three-second lease: both instances look for abandoned steps every second while the import runs.
        var (first, _) = await _apps.StartAsync(migrate: true, leaseSeconds: 3);
        var (second, _) = await _apps.StartAsync(migrate: false, leaseSeconds: 3);
        var token = await AppProcesses.IssueTokenAsync(first);
        using var apiFirst = AppProcesses.Api(first, token);
        using var apiSecond = AppProcesses.Api(second, token);
        var entries = new SyntheticCases(11).Generate(300, 4).ToList();
        var file = JsonSerializer.SerializeToUtf8Bytes(entries, CaseFile.SerializerOptions);

        using var started = await apiFirst.PostAsync("/api/v1/imports", ApiClient.FileContent("two-instances.json", file));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        // The job, its progress and its report are read from the other instance.
        await AppProcesses.WaitForJobAsync(apiSecond, id, "ReadyToImport");
        using (var commit = await apiFirst.PostAsync($"/api/v1/imports/{id}/commit", content: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        }

        var job = await AppProcesses.WaitForJobAsync(apiSecond, id, "Completed");
        Assert.Equal(300, job.GetProperty("report").GetProperty("createCount").GetInt32());

        // Exactly once: the import that committed created all 300 (a second committed run would have found them and
        // created none), and every case is stored once. One claim for the dry run and one for the import, unless the
        // loaded machine let a lease run out and the other instance took a step over: that step then ran there instead.
        await using var db = _apps.OpenDatabase();
        var stored = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id);
        Assert.True(stored.ClaimCount >= 2, $"claimed {stored.ClaimCount} times");
        Assert.Null(stored.ClaimedBy);
        var externalIds = entries.Select(e => e.Id!).ToList();
        Assert.Equal(300, await db.Cases.CountAsync(c => c.ExternalId != null && externalIds.Contains(c.ExternalId)));
    }

    public void Dispose() => _apps.Dispose();

    private static Dictionary<string, object?> EditBody(string title, Guid version)
    {
        var body = ApiClient.CaseBody(title);
        body["version"] = version;
        return body;
    }

    private static async Task<Guid> VersionAsync(HttpClient client, int id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("version").GetGuid();
}
