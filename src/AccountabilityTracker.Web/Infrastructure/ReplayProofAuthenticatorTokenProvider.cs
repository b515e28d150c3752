using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using AccountabilityTracker.Application.Security;
using Microsoft.AspNetCore.Identity;

namespace AccountabilityTracker.Web.Infrastructure;

/// <summary>
/// TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, two steps of drift either way, as Identity's own provider) that
/// accepts each time step once per account: a code seen over someone's shoulder or replayed from a captured request is
/// refused, even within its window. The last step used is kept in AspNetUserTokens; saving it goes through Identity's
/// concurrency stamp, so of two simultaneous uses of one code only one succeeds.
/// </summary>
public sealed class ReplayProofAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<TrackerUser>
{
    public const string LoginProvider = "Tracker";
    public const string LastStepName = "LastTotpStep";
    private const int Drift = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TrackerUser> manager, TrackerUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>Authenticator codes come from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<TrackerUser> manager, TrackerUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TrackerUser> manager, TrackerUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token is not { Length: 6 } || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var secret = Base32Decode(key);
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        long? matched = null;
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (Compute(secret, step) == code)
            {
                matched = step;
                break;
            }
        }

        if (matched is not { } used)
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && used <= lastStep)
        {
            return false;
        }

        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, used.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    private static int Compute(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1: the algorithm is fixed by the apps, not chosen here.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[] Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
