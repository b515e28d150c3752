using AccountabilityTracker.Application.Security;

namespace AccountabilityTracker.Application.Features.Profile;

/// <summary>A personal access token as its owner sees it: never the token itself, only its first characters.</summary>
public sealed record AccessTokenView(int Id, string Name, string Hint, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? RevokedAtUtc, bool IsUsable);

internal static class AccessTokenViews
{
    public static AccessTokenView ToView(this PersonalAccessToken token, DateTime nowUtc) =>
        new(token.Id, token.Name, token.Hint, token.CreatedAtUtc, token.ExpiresAtUtc, token.RevokedAtUtc, token.IsUsableAt(nowUtc));
}
