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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using AccountabilityTracker.Tests.Shared;

namespace AccountabilityTracker.Application.Tests.Infrastructure;

/// <summary>
/// The application layer as the app wires it, over a real database migrated with the real migrations: a SQLite file,
/// or a PostgreSQL database when TRACKER_TEST_POSTGRES names a server (see <see cref="TestDatabase"/>).
/// Each instance owns its own database, deleted on dispose.
/// </summary>
public sealed class TestApplication : IAsyncDisposable
{
    private static readonly JsonSerializerOptions SettingsJson = new() { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };

    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;

    private readonly bool _ownsDatabase;

    private TestApplication(ServiceProvider services, TestDatabase database, FakeTimeProvider time, TestCurrentUser user, bool ownsDatabase = true)
    {
        _services = services;
        _database = database;
        Time = time;
        User = user;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>The clock every handler sees; starts at noon UTC on 23 Nov 2026.</summary>
    public FakeTimeProvider Time { get; }

    public TestCurrentUser User { get; }

    /// <summary>True when the tests run on PostgreSQL rather than SQLite.</summary>
    public bool OnPostgres => _database.OnPostgres;

    public static Task<TestApplication> StartAsync() =>
        StartAsync(TestDatabase.Create(Path.GetTempPath()), ShippedClockOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));

    /// <summary>
    /// Stops this instance without deleting its database and starts another over the same database with other clock
    /// settings, as an operator restarting the app with changed configuration would (start-up computes the clocks again).
    /// The new instance owns the database from then on.
    /// </summary>
    public async Task<TestApplication> RestartWithAsync(ClockOptions clockOptions)
    {
        await _services.DisposeAsync();
        var restarted = await StartAsync(_database, clockOptions, Time);
        await restarted.SendAsync(new RecordClocks.Command());
        return restarted;
    }

    /// <summary>The application with extra or replaced services (e.g. configured e-mail), over a new database.</summary>
    public static Task<TestApplication> StartAsync(Action<IServiceCollection> extra) =>
        StartAsync(TestDatabase.Create(Path.GetTempPath()), ShippedClockOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)), extra);

    /// <summary>
    /// A second instance of the app over this instance's database, with its own services and caches and the same clock,
    /// as a second server behind a load balancer would be. It does not own the database.
    /// </summary>
    public TestApplication SecondInstance(Action<IServiceCollection>? extra = null) =>
        new(BuildServices(_database.Configure, Time, User, ShippedClockOptions(), extra), _database, Time, User, ownsDatabase: false);

    private static async Task<TestApplication> StartAsync(TestDatabase database, ClockOptions clockOptions, FakeTimeProvider time, Action<IServiceCollection>? extra = null)
    {
        var user = new TestCurrentUser();
        var services = BuildServices(database.Configure, time, user, clockOptions, extra);
        var app = new TestApplication(services, database, time, user);
        await app.WithDbAsync(db => db.Database.MigrateAsync());
        await app.SendAsync(new SeedLimitRules.Command());
        return app;
    }

    /// <summary>The application's services as the app registers them, over the database <paramref name="configureDatabase"/> names.</summary>
    internal static ServiceProvider BuildServices(Action<DbContextOptionsBuilder> configureDatabase, FakeTimeProvider time, TestCurrentUser user, ClockOptions? clockOptions = null, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ICurrentUser>(user)
            .AddSingleton<RecordingImportScheduler>()
            .AddSingleton<AccountabilityTracker.Application.Import.IImportJobScheduler>(provider => provider.GetRequiredService<RecordingImportScheduler>())
            .AddApplication()
            .AddDataProtection().Services
            .AddClocks(clockOptions ?? ShippedClockOptions())
            .AddDbContext<TrackerDbContext>(options =>
            {
                configureDatabase(options);
                options.AddInterceptors(RaceInterceptor.Shared);
            })
            .AddIdentityCore<TrackerUser>(TrackerIdentityOptions.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<TrackerDbContext>().AddDefaultTokenProviders().Services;
        extra?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
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

    /// <summary>A scope of the caller's own, as one long request would hold (its context, its mediator), for a test that keeps a transaction open.</summary>
    public AsyncServiceScope OpenScope() => _services.CreateAsyncScope();

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
        if (_ownsDatabase)
        {
            _database.Dispose();
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
