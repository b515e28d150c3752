using System.Text.Json;
using System.Text.Json.Serialization;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AccountabilityTracker.Application.Tests.Infrastructure;

/// <summary>
/// The application layer as the app wires it, over a real SQLite file migrated with the real migrations.
/// Each instance owns its own database file, deleted on dispose.
/// </summary>
public sealed class TestApplication : IAsyncDisposable
{
    private static readonly JsonSerializerOptions SettingsJson = new() { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };

    private readonly ServiceProvider _services;
    private readonly string _databasePath;

    private TestApplication(ServiceProvider services, string databasePath, FakeTimeProvider time, TestCurrentUser user)
    {
        _services = services;
        _databasePath = databasePath;
        Time = time;
        User = user;
    }

    /// <summary>The clock every handler sees; starts at noon UTC on 23 Nov 2026.</summary>
    public FakeTimeProvider Time { get; }

    public TestCurrentUser User { get; }

    public static Task<TestApplication> StartAsync() =>
        StartAsync(Path.Combine(Path.GetTempPath(), $"tracker-apptest-{Guid.NewGuid():N}.db"), ShippedClockOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));

    /// <summary>
    /// Stops this instance without deleting its database and starts another over the same file with other clock settings,
    /// as an operator restarting the app with changed configuration would (start-up computes the clocks again).
    /// </summary>
    public async Task<TestApplication> RestartWithAsync(ClockOptions clockOptions)
    {
        await _services.DisposeAsync();
        var restarted = await StartAsync(_databasePath, clockOptions, Time);
        await restarted.SendAsync(new RecordClocks.Command());
        return restarted;
    }

    private static async Task<TestApplication> StartAsync(string path, ClockOptions clockOptions, FakeTimeProvider time)
    {
        var user = new TestCurrentUser();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ICurrentUser>(user)
            .AddSingleton<RecordingImportScheduler>()
            .AddSingleton<AccountabilityTracker.Application.Import.IImportJobScheduler>(provider => provider.GetRequiredService<RecordingImportScheduler>())
            .AddApplication()
            .AddDataProtection().Services
            .AddClocks(clockOptions)
            .AddDbContext<TrackerDbContext>(options => options.UseSqlite(
                new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString,
                sqlite => sqlite.MigrationsAssembly("AccountabilityTracker.Migrations.Sqlite")))
            .AddIdentityCore<TrackerUser>(TrackerIdentityOptions.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<TrackerDbContext>().AddDefaultTokenProviders().Services
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var app = new TestApplication(services, path, time, user);
        await app.WithDbAsync(db => db.Database.MigrateAsync());
        await app.SendAsync(new SeedLimitRules.Command());
        return app;
    }

    /// <summary>The "Clocks" section of the web app's appsettings.json: the defaults the app ships with.</summary>
    public static ClockOptions ShippedClockOptions()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "web-appsettings.json"));
        using var json = JsonDocument.Parse(file);
        return json.RootElement.GetProperty(ClockOptions.Section).Deserialize<ClockOptions>(SettingsJson)
            ?? throw new InvalidOperationException("appsettings.json has no Clocks section.");
    }

    /// <summary>Sends a request through the real pipeline (logging, validation) in a fresh scope, as one HTTP request would.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A singleton service as the app registers it (e.g. the <see cref="ClockEvaluator"/> with its calendar).</summary>
    public T Service<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async Task WithDbAsync(Func<TrackerDbContext, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = _services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TrackerDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<TrackerDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TrackerDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}

/// <summary>Records scheduled import jobs; tests run them themselves through RunImportJob, with no background thread.</summary>
public sealed class RecordingImportScheduler : AccountabilityTracker.Application.Import.IImportJobScheduler
{
    public List<int> Scheduled { get; } = [];

    public void Schedule(int jobId) => Scheduled.Add(jobId);
}

public sealed class TestCurrentUser : ICurrentUser
{
    public string Name { get; set; } = "test-user";

    public bool CanSeeRestricted { get; set; }

    public bool IsAdministrator { get; set; }
}
