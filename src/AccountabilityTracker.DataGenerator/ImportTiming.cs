using System.Diagnostics;
using System.Globalization;
using AccountabilityTracker.Application;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.DataGenerator;

/// <summary>
/// Times an import through the real handlers (upload, dry run, confirm, import in one transaction) into a fresh,
/// migrated SQLite database per run, as the web app's background worker runs it. See docs/performance.md.
/// </summary>
public static class ImportTiming
{
    public static async Task<int> RunAsync(string file, int runs)
    {
        var content = await File.ReadAllBytesAsync(file);
        var dryRuns = new List<double>();
        var imports = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var database = Path.Combine(Path.GetTempPath(), $"tracker-import-timing-{Guid.NewGuid():N}.db");
            try
            {
                await using var services = Services(database);
                await using (var scope = services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<TrackerDbContext>().Database.MigrateAsync();
                }

                var started = await SendAsync(services, new StartImport.Command(Path.GetFileName(file), content.Length, new MemoryStream(content)));
                var clock = Stopwatch.StartNew();
                await SendAsync(services, new RunImportJob.Command(started.JobId));
                var dryRun = clock.Elapsed.TotalSeconds;
                await SendAsync(services, new ConfirmImport.Command(started.JobId));
                clock.Restart();
                await SendAsync(services, new RunImportJob.Command(started.JobId));
                var import = clock.Elapsed.TotalSeconds;
                var job = (await SendAsync(services, new GetImportJob.Query(started.JobId)))!;
                if (job.Status != ImportJobStatus.Completed)
                {
                    await Console.Error.WriteLineAsync($"Run {run}: the import ended {job.Status}: {job.FailureMessage}");
                    return 1;
                }

                dryRuns.Add(dryRun);
                imports.Add(import);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {job.Report!.CreateCount} cases created; dry run {dryRun:0.00} s, import {import:0.00} s"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(database + suffix);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {runs}: dry run {Median(dryRuns):0.00} s, import {Median(imports):0.00} s, total {Median(dryRuns.Zip(imports, (a, b) => a + b).ToList()):0.00} s"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<T> SendAsync<T>(ServiceProvider services, IRequest<T> request)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static ServiceProvider Services(string database) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ICurrentUser, TimingUser>()
            .AddSingleton<IImportJobScheduler, NoScheduler>()
            .AddApplication()
            .AddClocks(new ClockOptions())
            .AddDbContext<TrackerDbContext>(options => options.UseSqlite(
                new SqliteConnectionStringBuilder { DataSource = database }.ConnectionString,
                sqlite => sqlite.MigrationsAssembly("AccountabilityTracker.Migrations.Sqlite")))
            .BuildServiceProvider();

    private sealed class TimingUser : ICurrentUser
    {
        public string Name => "import-timing";

        public bool CanSeeRestricted => true;

        public bool IsAdministrator => false;
    }

    /// <summary>The timing runs each step itself, in the foreground.</summary>
    private sealed class NoScheduler : IImportJobScheduler
    {
        public void Schedule(int jobId)
        {
        }
    }
}
