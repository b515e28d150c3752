using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Web.Infrastructure.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace AccountabilityTracker.Web.Infrastructure;

public static class SecurityRegistration
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>The claim Identity adds when a sign-in used a second factor.</summary>
    private const string AuthenticationMethodClaim = "amr";
    private const string MultiFactorValue = "mfa";

    public static IServiceCollection AddTrackerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(security);
        services.AddSingleton(configuration.GetSection(BootstrapOptions.Section).Get<BootstrapOptions>() ?? new BootstrapOptions());
        var securePolicy = Enum.TryParse<CookieSecurePolicy>(security.CookieSecurePolicy, ignoreCase: true, out var parsed)
            ? parsed
            : throw new StartupConfigurationException($"Setting Security:CookieSecurePolicy is '{security.CookieSecurePolicy}': use 'Always' or 'SameAsRequest'.");

        services.AddIdentity<TrackerUser, IdentityRole>(TrackerIdentityOptions.Apply)
            .AddEntityFrameworkStores<TrackerDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProofAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<SignInGate>();

        services.AddAuthentication().AddApiAuthentication();
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "tracker.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = securePolicy;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnSigningIn = SessionValidation.OnSigningIn;
            cookie.Events.OnValidatePrincipal = SessionValidation.OnValidatePrincipal;
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            // A signed-in user without the role gets a plain 403 (the status-code page explains it), not a redirect.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.ConfigureExternalCookie(cookie => cookie.Cookie.SecurePolicy = securePolicy);
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = securePolicy;
        });

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "tracker.antiforgery";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = securePolicy;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ReadCases, policy => policy.RequireRole(Roles.All))
            .AddPolicy(Policies.EditCases, policy => policy.RequireRole(Roles.Administrator, Roles.Caseworker))
            .AddPolicy(Policies.RunReports, policy => policy.RequireRole(Roles.Administrator, Roles.Analyst))
            .AddPolicy(Policies.Administer, policy =>
            {
                policy.RequireRole(Roles.Administrator);
                if (security.RequireAdminTwoFactor)
                {
                    policy.RequireClaim(AuthenticationMethodClaim, MultiFactorValue);
                }
            });

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        // Keys in the database: every instance decrypts every other instance's cookies and antiforgery tokens. With a
        // certificate they are stored encrypted, so reading the database (or a backup) is not enough to forge a sign-in.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("AccountabilityTracker")
            .PersistKeysToDbContext<TrackerDbContext>();
        if (!string.IsNullOrWhiteSpace(security.KeyCertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(LoadKeyCertificate(security));
        }

        // TempData (notices after a redirect) is a cookie too: the same flags as every other cookie.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(tempData =>
        {
            tempData.Cookie.Name = "tracker.tempdata";
            tempData.Cookie.HttpOnly = true;
            tempData.Cookie.SameSite = SameSiteMode.Strict;
            tempData.Cookie.SecurePolicy = securePolicy;
        });

        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in security.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new StartupConfigurationException($"Setting Security:KnownProxies has '{proxy}', which is not an IP address."));
            }
        });

        return services;
    }

    private static X509Certificate2 LoadKeyCertificate(SecurityOptions security)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(security.KeyCertificatePath!, security.KeyCertificatePassword);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException($"Setting Security:KeyCertificatePath ('{security.KeyCertificatePath}') could not be loaded as a PFX with Security:KeyCertificatePassword: {exception.Message}");
        }
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
