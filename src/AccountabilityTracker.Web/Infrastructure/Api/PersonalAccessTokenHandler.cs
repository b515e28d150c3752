using System.Security.Claims;
using System.Text.Encodings.Web;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountabilityTracker.Web.Infrastructure.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer atk_…</c> with a personal access token: looks up its SHA-256 hash and builds a
/// principal with the owner's roles as they are now. An unknown, expired or revoked token, or a locked account, fails
/// (401). Only a hash is compared; the token itself is never logged or stored.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenIdClaim = "token_id";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Send the token as Authorization: Bearer <token>.");
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (!token.StartsWith(PersonalAccessToken.Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return AuthenticateResult.Fail("That is not a personal access token.");
        }

        var hash = PersonalAccessToken.Hash(token);
        var db = Context.RequestServices.GetRequiredService<TrackerDbContext>();
        var found = await db.PersonalAccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (found is null || !found.IsUsableAt(time.GetUtcNow().UtcDateTime))
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        }

        var users = Context.RequestServices.GetRequiredService<UserManager<TrackerUser>>();
        var user = await users.FindByIdAsync(found.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The token's account is locked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? user.Email ?? user.Id),
            new(TokenIdClaim, found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange((await users.GetRolesAsync(user)).Select(role => new Claim(ClaimTypes.Role, role)));
        var identity = new ClaimsIdentity(claims, ApiAuthentication.TokenScheme, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
