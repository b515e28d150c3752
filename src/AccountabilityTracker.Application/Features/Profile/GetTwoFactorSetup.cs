using System.Globalization;
using System.Text.Encodings.Web;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Users;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>Where Identity's UserStore keeps the authenticator key (AspNetUserTokens).</summary>
internal static class AuthenticatorKeyStore
{
    public const string LoginProvider = "[AspNetUserStore]";
    public const string TokenName = "AuthenticatorKey";
}


/// <summary>The signed-in user's two-factor state, and the key to enter in an authenticator app if not yet enabled.</summary>
public static class GetTwoFactorSetup
{
    public sealed record Query : IRequest<Result>;

    public sealed record Result(string Email, bool Enabled, string? SharedKey, string? AuthenticatorUri);

    internal sealed class Handler(UserManager<TrackerUser> users, ICurrentUser currentUser) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await users.FindSignedInAsync(currentUser);
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                return new Result(user.Email!, true, null, null);
            }

            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                // Stored where Identity's store keeps it, without ResetAuthenticatorKeyAsync's new security stamp: showing the
                // profile must not end the user's sessions. Turning two-factor on (EnableTwoFactor) does change the stamp.
                key = users.GenerateNewAuthenticatorKey();
                IdentityErrors.ThrowIfFailed(await users.SetAuthenticationTokenAsync(user, AuthenticatorKeyStore.LoginProvider, AuthenticatorKeyStore.TokenName, key), "Code");
            }

            var issuer = UrlEncoder.Default.Encode("AccountabilityTracker");
            var uri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer={issuer}&digits=6");
            return new Result(user.Email!, false, FormatKey(key!), uri);
        }

        private static string FormatKey(string key) =>
            string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
    }
}
