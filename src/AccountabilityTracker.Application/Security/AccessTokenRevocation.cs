using AccountabilityTracker.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Security;

public static class AccessTokenRevocation
{
    /// <summary>
    /// Revokes every usable token of the user (tracked; the caller saves). Run when a password is reset or changed and
    /// when an account is locked, so a token taken with a stolen session does not outlive the response to it.
    /// </summary>
    public static async Task<int> RevokeAccessTokensAsync(this TrackerDbContext db, string userId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tokens = await db.PersonalAccessTokens.Where(t => t.UserId == userId && t.RevokedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var token in tokens)
        {
            token.Revoke(nowUtc);
        }

        return tokens.Count;
    }
}
