using System.Globalization;
using AccountabilityTracker.Application.Security;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// Password sign-in that tells an outsider nothing and slows guessing per account:
/// <list type="bullet">
/// <item>an unknown address costs the same password-hash work as a known one, and every refusal reads the same;</item>
/// <item>after <see cref="SecurityOptions.FreeSignInFailures"/> failures in a row, each further attempt on that account
/// must wait (1 minute, doubling, at most 15) after the last failure; attempts inside the wait are refused unchecked and
/// do not count. Failures no longer lock the account, so nobody can lock an administrator out, or end their sessions,
/// by guessing: locking is an administrator's act;</item>
/// <item>the per-address limit (<see cref="SecurityRegistration.SignInRateLimit"/>) stays in front of this.</item>
/// </list>
/// The failure count and time live in AspNetUserTokens, so every instance sees them.
/// </summary>
public sealed class SignInGate(SignInManager<TrackerUser> signIn, TimeProvider time, SecurityOptions security)
{
    public const string LoginProvider = "Tracker";
    public const string FailuresName = "SignInFailures";
    public static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    /// <summary>A hash of a random password, verified when the account does not exist, so both cost one hash.</summary>
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<TrackerUser>().HashPassword(new TrackerUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18))));

    public enum Outcome
    {
        SignedIn = 1,
        NeedsTwoFactor = 2,
        Refused = 3,
        Throttled = 4,
    }

    public async Task<Outcome> PasswordSignInAsync(string email, string password)
    {
        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new TrackerUser(), DecoyHash.Value, password);
            return Outcome.Refused;
        }

        var now = time.GetUtcNow();
        var (failures, lastFailure) = Read(await users.GetAuthenticationTokenAsync(user, LoginProvider, FailuresName));
        if (failures >= security.FreeSignInFailures && now < lastFailure + Wait(failures - security.FreeSignInFailures))
        {
            users.PasswordHasher.VerifyHashedPassword(user, DecoyHash.Value, password);
            return Outcome.Throttled;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            if (failures > 0)
            {
                await users.RemoveAuthenticationTokenAsync(user, LoginProvider, FailuresName);
            }

            return result.Succeeded ? Outcome.SignedIn : Outcome.NeedsTwoFactor;
        }

        // A wrong password counts; a right one for a locked (or not allowed) account is refused without counting.
        if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            await users.SetAuthenticationTokenAsync(user, LoginProvider, FailuresName, Write(failures + 1, now));
        }

        return Outcome.Refused;
    }

    /// <summary>The wait after the n-th failure past the free ones (n from 0): 1, 2, 4, 8, 15 minutes.</summary>
    public static TimeSpan Wait(int pastFree) =>
        pastFree >= 4 ? LongestWait : TimeSpan.FromTicks(Math.Min(FirstWait.Ticks << pastFree, LongestWait.Ticks));

    private static (int Failures, DateTimeOffset Last) Read(string? value)
    {
        var parts = value?.Split('|');
        return parts is [var count, var at]
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var failures)
            && DateTimeOffset.TryParseExact(at, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last)
            ? (failures, last)
            : (0, DateTimeOffset.MinValue);
    }

    private static string Write(int failures, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{failures}|{at:O}");
}
