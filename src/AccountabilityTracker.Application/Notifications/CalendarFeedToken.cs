using System.Security.Cryptography;
using System.Text;

namespace AccountabilityTracker.Application.Notifications;

/// <summary>
/// The secret in a user's private calendar feed URL. Calendar clients poll anonymously, so the URL is the credential:
/// 32 random bytes, shown to the user, stored only as a SHA-256 hash. Revoking keeps the row; renewing revokes the
/// old token and issues a new one.
/// </summary>
public sealed class CalendarFeedToken
{
    private CalendarFeedToken()
    {
        UserId = string.Empty;
        TokenHash = string.Empty;
    }

    private CalendarFeedToken(string userId, string tokenHash, DateTime createdAtUtc)
    {
        UserId = userId;
        TokenHash = tokenHash;
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    /// <summary>Hex SHA-256 of the token text.</summary>
    public string TokenHash { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public static (CalendarFeedToken Entity, string Token) Issue(string userId, DateTime nowUtc)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new CalendarFeedToken(userId, Hash(token), nowUtc), token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
