using System.Net;
using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AccountabilityTracker.Web.Tests.Startup;

/// <summary>With migrations switched off over an existing, unmigrated database the app starts, but says it is not ready.</summary>
public sealed class ReadinessWithoutMigrationsTests : IDisposable
{
    private readonly UnmigratedAppFactory _factory = new();

    [Fact]
    public async Task Ready_is_unhealthy_until_migrations_are_applied()
    {
        using var client = _factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("{\"status\":\"Unhealthy\"}", await ready.Content.ReadAsStringAsync());

        // An anonymous probe learns only the status; the reason is in the log (and shown to a signed-in administrator).
        var logs = Directory.GetFiles(Path.Combine(_factory.DataFolder, "logs"), "*.log")
            .Select(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            });
        Assert.Contains(logs, text => text.Contains("migration(s) pending", StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>An empty database that exists but was never migrated.</summary>
    private sealed class UnmigratedAppFactory() : TrackerAppFactory(migrated: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:ApplyMigrationsAtStartup", "false");
        }
    }
}
