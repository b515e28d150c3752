using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using AccountabilityTracker.Tests.Shared;

namespace AccountabilityTracker.Web.Tests.Infrastructure;

/// <summary>
/// The real app (Program.cs, migrations, reference cases, Identity) over its own database (a SQLite file in a temporary
/// folder, or a PostgreSQL database when TRACKER_TEST_POSTGRES names a server; see <see cref="TestDatabase"/>),
/// with a fixed clock. Test users exist for every role; clients sign in through the real sign-in form.
/// </summary>
public class TrackerAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private readonly string _folder;
    private readonly TestDatabase _database;
    private readonly SemaphoreSlim _usersCreated = new(1, 1);
    private bool _hasUsers;

    public TrackerAppFactory()
        : this(migrated: true)
    {
    }

    /// <param name="migrated">False: the database exists but was never migrated.</param>
    protected TrackerAppFactory(bool migrated)
    {
        _folder = Directory.CreateTempSubdirectory("tracker-webtest-").FullName;
        _database = migrated ? TestDatabase.Create(_folder) : TestDatabase.CreateUnmigrated(_folder);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The app's data folder (App:DataFolder): log files, and the SQLite database when on SQLite.</summary>
    public string DataFolder => _folder;

    /// <summary>This factory's own database.</summary>
    public TestDatabase Database => _database;

    /// <summary>Extra settings a derived factory or a test adds before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Signs in a user of the role (null: signed in with no role) and returns a client carrying the cookie.</summary>
    public async Task<HttpClient> CreateClientForAsync(string? role)
    {
        await EnsureTestUsersAsync();
        var client = CreateAnonymousClient();
        await SignInAsync(client, TestUsers.EmailFor(role), Password);
        return client;
    }

    /// <summary>A client with cookies, no automatic redirects, over https (cookies are Secure).</summary>
    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await Forms.GetAsync(client, "/account/login");
        var response = await Forms.PostAsync(client, "/account/login", form, new() { ["Email"] = email, ["Password"] = password });
        return response;
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request) =>
        WithServicesAsync(services => services.GetRequiredService<IMediator>().Send(request));

    public async Task EnsureTestUsersAsync()
    {
        await _usersCreated.WaitAsync();
        try
        {
            if (_hasUsers)
            {
                return;
            }

            await WithServicesAsync(async services =>
            {
                var users = services.GetRequiredService<UserManager<TrackerUser>>();
                foreach (var role in TestUsers.Roles)
                {
                    var user = new TrackerUser { UserName = TestUsers.EmailFor(role), Email = TestUsers.EmailFor(role), EmailConfirmed = true, DisplayName = role ?? "No role" };
                    var created = await users.CreateAsync(user, Password);
                    Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
                    if (role is not null)
                    {
                        await users.AddToRoleAsync(user, role);
                    }
                }

                return true;
            });
            _hasUsers = true;
        }
        finally
        {
            _usersCreated.Release();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("App:DataFolder", _folder);
        builder.UseSetting("Database:Provider", _database.ProviderSetting);
        builder.UseSetting("ConnectionStrings:Tracker", _database.ConnectionString);

        // Tests sign in many times from one address; the limit itself has its own test.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "10000");

        // Tests run the notification and digest jobs themselves (RaiseNotifications, SendDigests), never on a timer.
        builder.UseSetting("Notifications:JobIntervalSeconds", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _usersCreated.Dispose();
            _database.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be held open for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}

public static class TestUsers
{
    /// <summary>Every role, and null for a signed-in user with no role.</summary>
    public static IReadOnlyList<string?> Roles { get; } = [.. AccountabilityTracker.Application.Security.Roles.All, null];

    public static string EmailFor(string? role) => $"{(role ?? "norole").ToLowerInvariant()}@tracker.test";
}
