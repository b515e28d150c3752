using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Tests.Shared;
using AccountabilityTracker.Web.Tests.Features.Api;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Web.Tests.Operations;

/// <summary>
/// SQLite online backups, from the administrator's page and from the command line, while the app serves writes; and a
/// restore: the backup file opens, migrates, and holds every write acknowledged before the backup began. On a server
/// database the page says to use the server's tools and writes nothing.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly TrackerAppFactory _factory = new();
    private readonly string _restoreFolder = Directory.CreateTempSubdirectory("tracker-restore-").FullName;

    [Fact]
    public async Task A_backup_taken_while_writes_continue_restores_with_every_write_acknowledged_before_it()
    {
        using var admin = await _factory.CreateClientForAsync(Roles.Administrator);
        if (_factory.Database.OnServer)
        {
            await AssertServerDatabasesAreBackedUpElsewhereAsync(admin);
            return;
        }

        using var api = ApiClient.WithToken(_factory, await ApiClient.IssueTokenAsync(_factory, Roles.Caseworker));
        var acknowledged = new ConcurrentQueue<string>();
        var enoughWritten = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 2000; i++)
            {
                var title = $"Written during backups {i}";
                using var response = await api.PostAsync("/api/v1/cases", JsonContent.Create(ApiClient.CaseBody(title)));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Enqueue(title);
                if (acknowledged.Count >= 5)
                {
                    enoughWritten.TrySetResult();
                }
            }
        });
        await enoughWritten.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The administrator's action, with writes still arriving.
        var beforePageBackup = acknowledged.ToArray();
        var form = await Forms.GetAsync(admin, "/admin/backup");
        using var posted = await Forms.PostAsync(admin, "/admin/backup", form, []);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var notice = await (await admin.GetAsync("/admin/backup")).Content.ReadAsStringAsync();
        Assert.Contains("Backup written: tracker-", notice, StringComparison.Ordinal);

        // The command, from another process, on the same file, with writes still arriving.
        var beforeCommandBackup = acknowledged.ToArray();
        var commandTarget = Path.Combine(_restoreFolder, "from-command.db");
        var (exitCode, output) = await RunBackupCommandAsync(commandTarget);
        Assert.True(exitCode == 0, output);

        await stop.CancelAsync();
        await writer;

        var backupFolder = Path.Combine(Path.GetDirectoryName(_factory.Database.SqlitePath)!, "backups");
        var pageBackup = Assert.Single(Directory.GetFiles(backupFolder, "tracker-*.db"));
        Assert.Contains(Path.GetFileName(pageBackup), notice, StringComparison.Ordinal);
        await AssertRestoredAsync(pageBackup, beforePageBackup);
        await AssertRestoredAsync(commandTarget, beforeCommandBackup);

        var audited = await _factory.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().SecurityAudit
            .CountAsync(e => e.EventType == SecurityEventType.DatabaseBackedUp));
        Assert.Equal(2, audited);
    }

    [Fact]
    public async Task The_command_never_overwrites_a_file()
    {
        if (_factory.Database.OnServer)
        {
            using var admin = await _factory.CreateClientForAsync(Roles.Administrator);
            await AssertServerDatabasesAreBackedUpElsewhereAsync(admin);
            return;
        }

        await _factory.EnsureTestUsersAsync();
        var existing = Path.Combine(_restoreFolder, "existing.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var (exitCode, output) = await RunBackupCommandAsync(existing);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("a backup never overwrites a file", output, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_restoreFolder, recursive: true);
    }

    /// <summary>Restore as docs/operations.md says: the backup file becomes the database; the app opens and migrates it.</summary>
    private async Task AssertRestoredAsync(string backup, IReadOnlyCollection<string> expected)
    {
        var restored = Path.Combine(_restoreFolder, $"restored-{Guid.NewGuid():N}", "tracker.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        File.Copy(backup, restored);
        using var app = new TrackerAppFactory();
        app.Settings["ConnectionStrings:Tracker"] = new SqliteConnectionStringBuilder { DataSource = restored, Pooling = false }.ConnectionString;

        var titles = await app.WithServicesAsync(s => s.GetRequiredService<TrackerDbContext>().Cases.Select(c => c.Title).ToListAsync());

        Assert.NotEmpty(expected);
        Assert.All(expected, title => Assert.Contains(title, titles));
        using var client = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private async Task AssertServerDatabasesAreBackedUpElsewhereAsync(HttpClient admin)
    {
        var page = await Forms.GetAsync(admin, "/admin/backup");
        Assert.Contains("back it up with the server's own tools", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Back up now", page, StringComparison.Ordinal);

        var result = await _factory.SendAsync(new AccountabilityTracker.Application.Features.Backups.CreateBackup.Command());
        Assert.Null(result.Path);
    }

    private async Task<(int ExitCode, string Output)> RunBackupCommandAsync(string target)
    {
        var appDll = Path.Combine(AppContext.BaseDirectory, "AccountabilityTracker.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", appDll, "--backup", target, "--contentRoot", AppContext.BaseDirectory])
        {
            WorkingDirectory = _restoreFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["App__DataFolder"] = _restoreFolder;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Security__AllowUnprotectedKeys"] = "true";   // no key certificate in a test (docs/security.md)
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Tracker"] = _factory.Database.ConnectionString;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
