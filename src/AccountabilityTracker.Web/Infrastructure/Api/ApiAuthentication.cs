using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Web.Infrastructure.Api;

/// <summary>
/// The API accepts a personal access token (scripts) or the sign-in cookie (the app's own pages, same site). The
/// <see cref="Scheme"/> policy scheme picks the token handler when an Authorization header is present, else the cookie.
/// </summary>
public static class ApiAuthentication
{
    /// <summary>Put this on API controllers: <c>[Authorize(AuthenticationSchemes = ApiAuthentication.Scheme, Policy = …)]</c>.</summary>
    public const string Scheme = "Api";

    public const string TokenScheme = "PersonalAccessToken";

    public static AuthenticationBuilder AddApiAuthentication(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(TokenScheme, displayName: "Personal access token", configureOptions: null)
            .AddPolicyScheme(Scheme, "Token or cookie", policy =>
                policy.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0 ? TokenScheme : IdentityConstants.ApplicationScheme);
    }

    public static bool IsApiRequest(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsTokenAuthenticated(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, AuthenticationType: TokenScheme };
    }
}
