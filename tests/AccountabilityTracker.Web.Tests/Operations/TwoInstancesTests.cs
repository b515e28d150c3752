using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.DataGenerator;
using AccountabilityTracker.Tests.Shared;
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
public sealed partial class TwoInstancesTests : IDisposable
{
    private const string AdminEmail = "two-instances@tracker.test";

    private readonly string _folder = Directory.CreateTempSubdirectory("tracker-two-instances-").FullName;
    private readonly TestDatabase _database;
    private readonly List<Process> _instances = [];

    public TwoInstancesTests() => _database = TestDatabase.Create(_folder);

    [Fact]
    public async Task Sign_ins_edits_and_conflicts_cross_between_two_instances_on_one_database()
    {
        var first = await StartInstanceAsync(migrate: true);
        var second = await StartInstanceAsync(migrate: false);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);

        // Sign in on the first instance; the cookie is accepted by the second.
        var login = await Forms.GetAsync(browser, first + "/account/login");
        using (var signedIn = await Forms.PostAsync(browser, first + "/account/login", login, new() { ["Email"] = AdminEmail, ["Password"] = TrackerAppFactory.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using (var onSecond = await browser.GetAsync(second + "/cases"))
        {
            Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        }

        // A form opened on the first instance is posted to the second (antiforgery tokens are shared too).
        var tokenPage = await Forms.GetAsync(browser, first + "/profile/tokens");
        using var created = await Forms.PostAsync(browser, second + "/profile/tokens", tokenPage, new() { ["Name"] = "two instances", ["LifetimeDays"] = "30", ["Password"] = TrackerAppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = TokenValue().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("atk_", token, StringComparison.Ordinal);
        using var apiFirst = Api(first, token);
        using var apiSecond = Api(second, token);

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
        var first = await StartInstanceAsync(migrate: true, leaseSeconds: 3);
        var second = await StartInstanceAsync(migrate: false, leaseSeconds: 3);
        var token = await IssueTokenAsync(first);
        using var apiFirst = Api(first, token);
        using var apiSecond = Api(second, token);
        var entries = new SyntheticCases(11).Generate(300, 4).ToList();
        var file = JsonSerializer.SerializeToUtf8Bytes(entries, CaseFile.SerializerOptions);

        using var started = await apiFirst.PostAsync("/api/v1/imports", ApiClient.FileContent("two-instances.json", file));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        // The job, its progress and its report are read from the other instance.
        await WaitForJobAsync(apiSecond, id, "ReadyToImport");
        using (var commit = await apiFirst.PostAsync($"/api/v1/imports/{id}/commit", content: null))
        {
            Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        }

        var job = await WaitForJobAsync(apiSecond, id, "Completed");
        Assert.Equal(300, job.GetProperty("report").GetProperty("createCount").GetInt32());

        // Exactly once: one claim for the dry run and one for the import, and every case stored once.
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        _database.Configure(options);
        await using var db = new TrackerDbContext(options.Options);
        var stored = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id);
        Assert.Equal(2, stored.ClaimCount);
        Assert.Null(stored.ClaimedBy);
        var externalIds = entries.Select(e => e.Id!).ToList();
        Assert.Equal(300, await db.Cases.CountAsync(c => c.ExternalId != null && externalIds.Contains(c.ExternalId)));
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            if (!instance.HasExited)
            {
                instance.Kill(entireProcessTree: true);
                instance.WaitForExit();
            }

            instance.Dispose();
        }

        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static HttpClient Api(string baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Dictionary<string, object?> EditBody(string title, Guid version)
    {
        var body = ApiClient.CaseBody(title);
        body["version"] = version;
        return body;
    }

    private static async Task<Guid> VersionAsync(HttpClient client, int id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/cases/{id}")).RootElement.GetProperty("version").GetGuid();

    /// <summary>Polls the job (bounded) until it reaches <paramref name="status"/>; fails at once if it finishes otherwise.</summary>
    private static async Task<JsonElement> WaitForJobAsync(HttpClient api, int id, string status)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var job = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/imports/{id}")).RootElement;
            var now = job.GetProperty("status").GetString();
            if (now == status)
            {
                return job;
            }

            Assert.True(now is not ("Failed" or "Invalid"), $"The import job ended {now}: {job.GetProperty("failureMessage")}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(180), $"The import job is still {now} after 180 seconds.");
            await Task.Delay(200);
        }
    }

    /// <summary>Signs in on <paramref name="instance"/> and creates an API token there (valid on every instance).</summary>
    private static async Task<string> IssueTokenAsync(string instance)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);
        var login = await Forms.GetAsync(browser, instance + "/account/login");
        using (var signedIn = await Forms.PostAsync(browser, instance + "/account/login", login, new() { ["Email"] = AdminEmail, ["Password"] = TrackerAppFactory.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var tokenPage = await Forms.GetAsync(browser, instance + "/profile/tokens");
        using var created = await Forms.PostAsync(browser, instance + "/profile/tokens", tokenPage, new() { ["Name"] = "two instances", ["LifetimeDays"] = "30", ["Password"] = TrackerAppFactory.Password });
        return TokenValue().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    /// <summary>Starts the app as a user would (its own process, its settings folder as content root) and waits until it is ready.</summary>
    private async Task<string> StartInstanceAsync(bool migrate, int? leaseSeconds = null)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var address = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "AccountabilityTracker.Web.dll"), "--urls", address, "--contentRoot", AppContext.BaseDirectory])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Security__AllowUnprotectedKeys"] = "true";   // no key certificate in a test (docs/security.md)
        start.Environment["App__DataFolder"] = Path.Combine(_folder, $"instance-{port}");
        start.Environment["Database__Provider"] = _database.ProviderSetting;
        start.Environment["ConnectionStrings__Tracker"] = _database.ConnectionString;
        start.Environment["Database__ApplyMigrationsAtStartup"] = migrate ? "true" : "false";
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = TrackerAppFactory.Password;
        start.Environment["Security__CookieSecurePolicy"] = "SameAsRequest";   // plain HTTP on loopback
        if (leaseSeconds is { } lease)
        {
            start.Environment["Imports__LeaseSeconds"] = lease.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var process = Process.Start(start)!;
        _instances.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"The instance on port {port} stopped during start-up (exit code {(process.HasExited ? process.ExitCode : 0)}).");
            try
            {
                using var ready = await client.GetAsync(address + "/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return address;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"The instance on port {port} was not ready within 90 seconds.");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex("value=\"(atk_[^\"]+)\"")]
    private static partial Regex TokenValue();
}
