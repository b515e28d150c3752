using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Web.Tests.Infrastructure;

/// <summary>
/// The app started as a user would (its own process, Production settings, its build folder as content root) on one test
/// database shared by every instance started here: PostgreSQL when TRACKER_TEST_POSTGRES is set, otherwise one SQLite
/// file. For tests of several instances, restarts and shutdowns.
/// </summary>
public sealed partial class AppProcesses : IDisposable
{
    public const string AdminEmail = "instances@tracker.test";

    private readonly string _folder = Directory.CreateTempSubdirectory("tracker-instances-").FullName;
    private readonly List<Process> _instances = [];

    public AppProcesses() => Database = TestDatabase.Create(_folder);

    public TestDatabase Database { get; }

    /// <summary>Starts an instance and waits until it is ready; returns its address and process.</summary>
    public async Task<(string Address, Process Process)> StartAsync(bool migrate, int? leaseSeconds = null)
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
        start.Environment["Database__Provider"] = Database.ProviderSetting;
        start.Environment["ConnectionStrings__Tracker"] = Database.ConnectionString;
        start.Environment["Database__ApplyMigrationsAtStartup"] = migrate ? "true" : "false";
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = TrackerAppFactory.Password;
        start.Environment["Security__CookieSecurePolicy"] = "SameAsRequest";   // plain HTTP on loopback
        if (leaseSeconds is { } lease)
        {
            start.Environment["Import__LeaseSeconds"] = lease.ToString(CultureInfo.InvariantCulture);
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
                    return (address, process);
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

    /// <summary>Asks an instance to stop the way a service manager does (SIGTERM); see <see cref="WaitForExitAsync"/>.</summary>
    public static async Task SendTerminateAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits (bounded) for an instance to exit and returns its exit code.</summary>
    public static async Task<int> WaitForExitAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public static HttpClient Api(string baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in on <paramref name="instance"/> and creates an API token there (valid on every instance).</summary>
    public static async Task<string> IssueTokenAsync(string instance)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);
        await SignInAsync(browser, instance);
        var tokenPage = await Forms.GetAsync(browser, instance + "/profile/tokens");
        using var created = await Forms.PostAsync(browser, instance + "/profile/tokens", tokenPage, new() { ["Name"] = "instances", ["LifetimeDays"] = "30", ["Password"] = TrackerAppFactory.Password });
        return await TokenFromAsync(created);
    }

    /// <summary>The token shown once on the page answering a token form.</summary>
    public static async Task<string> TokenFromAsync(HttpResponseMessage created)
    {
        ArgumentNullException.ThrowIfNull(created);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = TokenValue().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("atk_", token, StringComparison.Ordinal);
        return token;
    }

    public static async Task SignInAsync(HttpClient browser, string instance)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var login = await Forms.GetAsync(browser, instance + "/account/login");
        using var signedIn = await Forms.PostAsync(browser, instance + "/account/login", login, new() { ["Email"] = AdminEmail, ["Password"] = TrackerAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>Polls an import job (bounded) until <paramref name="reached"/> holds; fails at once if it ends otherwise.</summary>
    public static async Task<JsonElement> WaitForJobAsync(HttpClient api, int id, Func<JsonElement, bool> reached, string what)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(reached);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var job = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/imports/{id}")).RootElement;
            if (reached(job))
            {
                return job;
            }

            var status = job.GetProperty("status").GetString();
            Assert.True(status is not ("Failed" or "Invalid"), $"The import job ended {status}: {job.GetProperty("failureMessage")}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(180), $"The import job is still {status} after 180 seconds, waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public static Task<JsonElement> WaitForJobAsync(HttpClient api, int id, string status) =>
        WaitForJobAsync(api, id, job => job.GetProperty("status").GetString() == status, status);

    /// <summary>A context on the shared database, for checking what was stored.</summary>
    public TrackerDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<TrackerDbContext>();
        Database.Configure(options);
        return new TrackerDbContext(options.Options);
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

        Database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex("value=\"(atk_[^\"]+)\"")]
    private static partial Regex TokenValue();
}
