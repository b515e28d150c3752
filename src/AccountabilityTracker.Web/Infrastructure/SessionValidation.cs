using System.Globalization;
using System.Security.Claims;
using AccountabilityTracker.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Checks a sign-in cookie on every request, so access ends when it should: the account's security stamp must still be
/// the one the cookie was issued with (it changes on lock, role change, password reset or change, and sign-out), the
/// account must not be locked, and the sign-in must be younger than the absolute lifetime however active the user is.
/// One query by primary key per signed-in request.
/// </summary>
public static class SessionValidation
{
    /// <summary>When the sign-in happened; kept across sliding renewals and refreshed sign-ins.</summary>
    public const string SignedInAtItem = ".tracker.signedInAt";

    private const string DeferredOutageItem = ".tracker.deferredOutage";

    public static Task OnSigningIn(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Properties.Items.ContainsKey(SignedInAtItem))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items[SignedInAtItem] = now.ToString("O", CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lifetime = TimeSpan.FromHours(services.GetRequiredService<SecurityOptions>().SessionAbsoluteHours);
        if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var at)
            || !DateTimeOffset.TryParseExact(at, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
            || now - signedInAt >= lifetime)
        {
            await RejectAsync(context);
            return;
        }

        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        AccountState? account;
        try
        {
            account = userId is null
                ? null
                : await services.GetRequiredService<TrackerDbContext>().Users.AsNoTracking()
                    .Where(u => u.Id == userId)
                    .Select(u => new AccountState(u.SecurityStamp, u.LockoutEnd))
                    .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (DatabaseOutage.IsOutage(exception))
        {
            // The authentication result is cached for the request, so a throw here would be thrown again when the 503
            // page is rendered. Instead this request goes on without the account (the cookie is kept for the next one)
            // and the outage is raised after authentication (RaiseDeferredOutage), where the error page can answer it.
            context.HttpContext.Items[DeferredOutageItem] = exception;
            context.RejectPrincipal();
            return;
        }

        if (account is null || stamp is null || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal) || account.LockoutEnd > now)
        {
            await RejectAsync(context);
            return;
        }

        // Identity's own validator then refreshes the principal (roles, claims) at its interval (one minute).
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Raises, after authentication, a database outage met while checking the sign-in cookie.</summary>
    public static IApplicationBuilder RaiseDeferredOutage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Items.TryGetValue(DeferredOutageItem, out var failure) && failure is Exception outage)
            {
                context.Items.Remove(DeferredOutageItem);
                throw new InvalidOperationException("The database could not be reached to check the sign-in.", outage);
            }

            await next(context);
        });

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

internal sealed record AccountState(string? SecurityStamp, DateTimeOffset? LockoutEnd);
