using System.Security.Cryptography;
using System.Text;

namespace AccountabilityTracker.Application.Security;

/// <summary>
/// A token a user creates on their profile to call the API from a script. The token is shown once; only its SHA-256
/// hash is stored. It carries the user's roles at the time of each call, so a role removed or an account locked takes
/// effect at once. It stops working at <see cref="ExpiresAtUtc"/> or when revoked.
/// </summary>
public sealed class PersonalAccessToken
{
    /// <summary>Every token starts with this, so a leaked one is easy to recognise (and to scan for).</summary>
    public const string Prefix = "atk_";

    public const int MaxLifetimeDays = 180;
    public const int NameLength = 100;

    private PersonalAccessToken()
    {
        UserId = string.Empty;
        Name = string.Empty;
        TokenHash = string.Empty;
        Hint = string.Empty;
    }

    private PersonalAccessToken(string userId, string name, string tokenHash, string hint, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        UserId = userId;
        Name = name;
        TokenHash = tokenHash;
        Hint = hint;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Hex SHA-256 of the whole token text.</summary>
    public string TokenHash { get; private set; }

    /// <summary>The first characters of the token, so a user can tell their tokens apart.</summary>
    public string Hint { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsUsableAt(DateTime nowUtc) => RevokedAtUtc is null && nowUtc < ExpiresAtUtc;

    /// <summary>Creates a token from 32 random bytes; returns the entity and the token text, which exists only in this call.</summary>
    public static (PersonalAccessToken Entity, string Token) Issue(string userId, string name, DateTime nowUtc, int lifetimeDays)
    {
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new PersonalAccessToken(userId, name.Trim(), Hash(token), token[..(Prefix.Length + 4)], nowUtc, nowUtc.AddDays(lifetimeDays)), token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
