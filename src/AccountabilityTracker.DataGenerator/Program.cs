using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AccountabilityTracker.Application.Interchange;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.DataGenerator;

/// <summary>
/// Writes a synthetic dataset. Usage:
/// <c>dotnet run --project src/AccountabilityTracker.DataGenerator -- json &lt;out.json&gt; &lt;cases&gt; &lt;stagesPerCase&gt; [seed]</c> or
/// <c>… -- sqlite &lt;tracker.db&gt; &lt;cases&gt; &lt;stagesPerCase&gt; [seed]</c>, or times imports:
/// <c>dotnet run -c Release --project src/AccountabilityTracker.DataGenerator -- import-timing &lt;cases.json&gt; [runs]</c>.
/// </summary>
internal static class GeneratorProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "import-timing")
        {
            return await ImportTiming.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
        }

        if (args.Length < 4 || args[0] is not ("json" or "sqlite"))
        {
            await Console.Error.WriteLineAsync("usage: (json|sqlite) <path> <cases> <stagesPerCase> [seed] | import-timing <cases.json> [runs]");
            return 2;
        }

        var path = args[1];
        var cases = int.Parse(args[2], CultureInfo.InvariantCulture);
        var stagesPerCase = int.Parse(args[3], CultureInfo.InvariantCulture);
        var seed = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2026;
        var generator = new SyntheticCases(seed);
        var clock = Stopwatch.StartNew();

        if (args[0] == "json")
        {
            await using var file = File.Create(path);
            await JsonSerializer.SerializeAsync(file, generator.Generate(cases, stagesPerCase), CaseFile.SerializerOptions);
        }
        else
        {
            var options = new DbContextOptionsBuilder<TrackerDbContext>()
                .UseSqlite($"Data Source={path}", sqlite => sqlite.MigrationsAssembly("AccountabilityTracker.Migrations.Sqlite"))
                .Options;
            await using (var db = new TrackerDbContext(options))
            {
                await db.Database.MigrateAsync();
            }

            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var batch = new List<Case>();
            var index = 0;
            foreach (var entry in generator.Generate(cases, stagesPerCase))
            {
                var year = CaseFileMapper.ToDate(entry.IncidentDate, entry.IncidentDatePrecision).Earliest!.Value.Year;
                var created = CaseFileMapper.ToCase(entry, string.Create(CultureInfo.InvariantCulture, $"SYN-{year}-{index++:D7}"), now);
                generator.AddClockEvents(created, now);
                batch.Add(created);
                if (batch.Count == 500)
                {
                    await SaveAsync(options, batch);
                }
            }

            await SaveAsync(options, batch);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases} cases x {stagesPerCase} stages written to {path} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static async Task SaveAsync(DbContextOptions<TrackerDbContext> options, List<Case> batch)
    {
        await using var db = new TrackerDbContext(options);
        db.Cases.AddRange(batch);
        await db.SaveChangesAsync();
        batch.Clear();
    }
}
