using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Start-up checks that keep a development or unprotected configuration from being reachable from the network.
/// </summary>
public static partial class DeploymentGuards
{
    /// <summary>
    /// Development shows exception pages with stack traces and request cookies: it may listen on loopback only.
    /// Checks the configured addresses before start (urls, http_ports/https_ports, Kestrel endpoints).
    /// </summary>
    public static void EnsureDevelopmentIsLoopbackOnly(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment())
        {
            return;
        }

        var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        if (!string.IsNullOrWhiteSpace(configuration["http_ports"]) || !string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            throw Refused("http_ports/https_ports (every interface)");
        }

        foreach (var url in urls)
        {
            if (!IsLoopback(url))
            {
                throw Refused(url);
            }
        }
    }

    /// <summary>The same check on the addresses the server really listens on, right after it starts.</summary>
    public static void EnsureDevelopmentListensOnLoopback(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var open = addresses.FirstOrDefault(a => !IsLoopback(a));
        if (open is not null)
        {
            throw Refused(open);
        }
    }

    /// <summary>
    /// Production keeps its data-protection keys (which sign every session cookie) encrypted with a certificate, or
    /// refuses to start unless Security:AllowUnprotectedKeys says the operator accepts the risk.
    /// </summary>
    public static void EnsureKeysProtected(IHostEnvironment environment, SecurityOptions security, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(security);
        if (!string.IsNullOrWhiteSpace(security.KeyCertificatePath))
        {
            return;
        }

        if (environment.IsProduction() && !security.AllowUnprotectedKeys)
        {
            throw new StartupConfigurationException(
                "Security:KeyCertificatePath is not set: in Production the data-protection keys must be encrypted at rest with a certificate " +
                "(or set Security:AllowUnprotectedKeys=true to accept that anyone who reads the database can forge sign-ins; see docs/security.md).");
        }

        LogUnprotectedKeys(logger, environment.EnvironmentName);
    }

    private static bool IsLoopback(string url)
    {
        var host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        host = host.Split('/')[0];
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            host = host[..host.LastIndexOf(':')];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private static StartupConfigurationException Refused(string address) =>
        new($"ASPNETCORE_ENVIRONMENT is Development but the app would listen on {address}: Development shows stack traces and cookies, so it " +
            "listens on loopback only (localhost, 127.0.0.1, [::1]). Run with ASPNETCORE_ENVIRONMENT=Production on a network (see docs/operations.md).");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data-protection keys are NOT encrypted at rest ({Environment}): anyone who reads the database or a backup can forge a sign-in. Set Security:KeyCertificatePath (docs/security.md)")]
    private static partial void LogUnprotectedKeys(ILogger logger, string environment);
}
